package org.tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** The little JDBC plumbing the store needs: transactions as lambdas, and Instant in and out. */
final class Jdbc {

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final StoreFailures failures;

    Jdbc(Database database) {
        this(database.dataSource(), database.failures());
    }

    /** @param failures told of every failure of the store as a whole, and of every write that reaches it */
    Jdbc(DataSource dataSource, StoreFailures failures) {
        this.dataSource = dataSource;
        this.failures = failures;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                // Recorded first: on a full disk the rollback and the reset below fail too, and would hide the cause.
                failures.failed(e);
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failures.failed(e);
            throw new StoreException(e);
        }
    }

    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            failures.failed(e);
            throw new StoreException(e);
        }
    }

    /** "?, ?, ?": n bind markers for an IN (...) list. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
