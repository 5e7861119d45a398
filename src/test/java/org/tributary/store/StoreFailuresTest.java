package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.LoggerFactory;

/**
 * Which exceptions mean the whole store fails, and in which words /status says so; what the log gets meanwhile.
 * PostgreSQL's errors are built the way the driver builds them from the server's message fields.
 */
class StoreFailuresTest {

    /** An error as the server sends it: severity, SQLSTATE, message. */
    private static PSQLException server(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SFATAL\0VFATAL\0C" + state + "\0M" + message + "\0"));
    }

    /** What HikariCP throws when no connection could be made within its timeout. */
    private static SQLTransientConnectionException poolTimedOut(Throwable cause) {
        return new SQLTransientConnectionException("tributary - Connection is not available, request timed out "
                + "after 30000ms (total=0, active=0, idle=0)", "08001", cause);
    }

    static Stream<Arguments> storeFailures() {
        return Stream.of(
                Arguments.of("a fast stop ends every session (57P01)",
                        server("57P01", "terminating connection due to administrator command"),
                        "database unreachable"),
                Arguments.of("another backend crashed (57P02)",
                        server("57P02", "terminating connection because of crash of another server process"),
                        "database unreachable"),
                Arguments.of("starting up or shutting down (57P03)",
                        server("57P03", "the database system is shutting down"), "database unreachable"),
                Arguments.of("connection refused (08001), inside the pool's timeout",
                        poolTimedOut(new PSQLException("Connection to 127.0.0.1:5432 refused. Check that the "
                                + "hostname and port are correct and that the postmaster is accepting TCP/IP "
                                + "connections.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                                new ConnectException("Connection refused"))),
                        "database unreachable"),
                Arguments.of("the connection broke mid-statement (08006)",
                        new PSQLException("An I/O error occurred while sending to the backend.",
                                PSQLState.CONNECTION_FAILURE, new IOException("Broken pipe")),
                        "database unreachable"),
                Arguments.of("a disk full on the server (53100)",
                        server("53100", "could not extend file \"base/16384/16385\": No space left on device"),
                        "disk full: the database cannot write"),
                Arguments.of("H2 on a full disk", new SQLException("IO Exception: \"No space left on device\"",
                        "HY000", 90028), "disk full: the database cannot write"),
                Arguments.of("H2 on a read-only file system", new SQLException("The database is read only",
                        "HY000", 90097), "read-only: the database cannot write"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeFailures")
    void aFailureOfTheWholeStoreIsClassifiedWithAReasonSafeToPublish(String what, SQLException e, String reason) {
        assertThat(StoreFailures.isStoreFailure(e)).isTrue();
        assertThat(StoreFailures.reason(new StoreException(e))).isEqualTo(reason);
    }

    static Stream<Arguments> statementFailures() {
        return Stream.of(
                Arguments.of("a duplicate key (23505)", server("23505", "duplicate key value violates unique "
                        + "constraint \"items_pkey\"")),
                Arguments.of("one statement cancelled (57014)", server("57014", "canceling statement due to "
                        + "statement timeout")),
                Arguments.of("one idle session timed out (57P05)", server("57P05", "terminating connection due "
                        + "to idle-session timeout")),
                Arguments.of("a syntax error (42601)", server("42601", "syntax error at or near \"SELEC\"")),
                Arguments.of("a value too long (22001)", server("22001", "value too long for type "
                        + "character varying(200)")),
                Arguments.of("a caller's own I/O, not under the database's exceptions (an export's full disk)",
                        new java.io.UncheckedIOException(new IOException("No space left on device"))),
                Arguments.of("a caller's bare IOException", new IOException("disk full")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statementFailures")
    void aFailureOfOneStatementIsNotAFailureOfTheStore(String what, Throwable e) {
        assertThat(StoreFailures.isStoreFailure(e)).isFalse();
    }

    private final Logger logger = (Logger) LoggerFactory.getLogger(StoreFailures.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final StoreFailures failures = new StoreFailures(
            InstantSource.fixed(Instant.parse("2026-12-06T21:00:00Z")), nanos::get);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private long errorLines() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).count();
    }

    @Test
    void aServerThatGoesAwayIsLoggedOnceThenOnceAMinuteWithTheCauseAndWithoutATrace() {
        PSQLException gone = server("57P01", "terminating connection due to administrator command");
        for (int i = 0; i < 50; i++) failures.failed(new StoreException(gone));
        assertThat(errorLines()).isEqualTo(1);
        ILoggingEvent first = appender.list.get(0);
        assertThat(first.getFormattedMessage()).startsWith("store: failing (database unreachable)")
                .contains("terminating connection due to administrator command");
        assertThat(first.getThrowableProxy()).as("no stack trace at ERROR").isNull();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        failures.failed(new StoreException(gone));
        assertThat(errorLines()).isEqualTo(2);
        assertThat(appender.list.get(appender.list.size() - 1).getFormattedMessage())
                .contains("still failing").contains("49 more failed statements");
        assertThat(failures.unreachable()).isTrue();

        failures.wrote();
        assertThat(failures.current()).isEmpty();
        assertThat(failures.unreachable()).isFalse();
        assertThat(appender.list.get(appender.list.size() - 1).getFormattedMessage()).startsWith("store: recovered");
    }

    @Test
    void aVagueFirstReasonGivesWayToATellingOne() {
        failures.failed(new SQLException("Connection is closed"));
        assertThat(failures.current()).hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo("database error"));
        assertThat(failures.unreachable()).isFalse();
        failures.failed(poolTimedOut(new ConnectException("Connection refused")));
        assertThat(failures.current()).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo("database unreachable");
            assertThat(f.since()).isEqualTo(Instant.parse("2026-12-06T21:00:00Z"));
        });
        assertThat(failures.unreachable()).isTrue();
    }

    @Test
    void theReasonNeverQuotesTheStatementOrTheServerAddress() {
        String reason = StoreFailures.reason(poolTimedOut(new PSQLException("Connection to db.internal:5432 "
                + "refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertThat(reason).isEqualTo("database unreachable").doesNotContain("db.internal");
    }
}
