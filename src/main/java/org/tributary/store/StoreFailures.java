package org.tributary.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.LongSupplier;

/**
 * Whether the store as a whole fails (the disk is full, the file or file system is read-only, the file is corrupt,
 * the database server is unreachable), as opposed to one statement failing on one source's data. A failure is
 * recorded by whichever statement meets it first; it ends only when a write reaches the database again (see
 * {@link Database#probe()}), since a read-only store still answers reads.
 *
 * <p>The log gets one line when the store starts failing, with the cause, then at most one a minute while it goes on
 * (how many statements failed meanwhile), and one when it recovers; the stack traces are at DEBUG. A full disk once
 * filled 34 MB of stderr in 80 seconds with a stack trace per statement.
 */
public final class StoreFailures {

    private static final Logger log = LoggerFactory.getLogger(StoreFailures.class);

    /** How often a failure that goes on is logged again. */
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    /**
     * A failure of the store.
     *
     * @param since  when the first statement failed
     * @param reason what the public /status may say: a kind of failure, never a path or a statement
     * @param cause  what the log says: the innermost cause's message (may name a file)
     */
    public record Failure(Instant since, String reason, String cause) {}

    /**
     * PostgreSQL's SQLSTATEs for a server that ended our session: admin_shutdown (a fast or smart stop),
     * crash_shutdown (another backend crashed), cannot_connect_now (starting up, shutting down, in recovery).
     * 57P05 (idle_session_timeout) is one idle connection, not the store; 57014 (query_canceled) is one statement.
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    /**
     * H2's codes for a database that cannot go on: closed, read-only, corrupt, file errors, in use, and its file
     * not found (90146: the data directory's file system is not mounted).
     */
    private static final Set<Integer> H2_STORE_CODES = Set.of(90098, 90097, 90030, 90028, 90031, 90020, 90135,
            90146);

    private final InstantSource clock;
    /** A monotonic clock (nanoseconds) for "once a minute": the wall clock may be stepped. */
    private final LongSupplier ticker;
    private Failure current;
    private long lastLoggedNanos;
    private int unlogged;

    public StoreFailures(InstantSource clock, LongSupplier ticker) {
        this.clock = clock;
        this.ticker = ticker;
    }

    StoreFailures() {
        this(InstantSource.system(), System::nanoTime);
    }

    /** The failure going on, if any. */
    public synchronized Optional<Failure> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Whether the exception says the store as a whole fails, rather than one statement on one row's data. An I/O
     * error counts only under the database's own exceptions (the disk under the database): the same error out of
     * a caller's own I/O (an export writing its files, a listener) is not the store's.
     */
    static boolean isStoreFailure(Throwable e) {
        boolean database = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof StoreException || t.getClass().getName().startsWith("org.h2.")) {
                database = true;
            }
            if (t instanceof IOException && database) return true;
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || SERVER_GONE.contains(state)
                        || state.equals("57P04") || state.startsWith("58"))) return true;
                if (H2_STORE_CODES.contains(sql.getErrorCode())) return true;
            }
            // HikariCP's answer on a connection it has just dropped for one of the above.
            if (t instanceof SQLException && "Connection is closed".equals(t.getMessage())) return true;
            String name = t.getClass().getName();
            if (name.equals("org.h2.mvstore.MVStoreException")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** Records the exception when it is a failure of the store; returns whether it was. */
    boolean failed(Throwable e) {
        if (!isStoreFailure(e)) return false;
        String reason = reason(e);
        String cause = innermost(e);
        boolean first;
        boolean logNow;
        int suppressed;
        synchronized (this) {
            long now = ticker.getAsLong();
            first = current == null;
            if (first) {
                current = new Failure(clock.instant(), reason, cause);
            } else if (vague(current.reason()) && !vague(reason)) {
                // "closed" follows the real cause (a full disk), and a pool's "Connection is closed" may come first
                // when a server goes away; keep the more telling one.
                current = new Failure(current.since(), reason, cause);
            }
            logNow = first || now - lastLoggedNanos >= LOG_EVERY.toNanos();
            suppressed = unlogged;
            if (logNow) {
                lastLoggedNanos = now;
                unlogged = 0;
            } else {
                unlogged++;
            }
        }
        if (first) {
            log.error("store: failing ({}): {}; serving the last published documents from memory until it "
                    + "recovers", reason, cause);
        } else if (logNow) {
            log.error("store: still failing since {} ({}): {}; {} more failed statements in the last minute",
                    current().map(Failure::since).orElse(null), reason, cause, suppressed);
        }
        log.debug("store: failure", e);
        return true;
    }

    /** A write reached the database: the failure, if any, is over. */
    void wrote() {
        Failure ended;
        synchronized (this) {
            if (current == null) return;
            ended = current;
            current = null;
            unlogged = 0;
        }
        log.info("store: recovered; it was failing since {} ({})", ended.since(), ended.reason());
    }

    private static final String CLOSED = "the database was closed after an error";
    static final String UNREACHABLE = "database unreachable";
    private static final String OTHER = "database error";

    /** Whether the reason says less than another one may: a consequence or no kind at all. */
    private static boolean vague(String reason) {
        return reason.equals(CLOSED) || reason.equals(OTHER);
    }

    /**
     * Whether the failure going on is a database server we cannot reach: no statement can succeed until it is back,
     * so waiting for a connection (the pool's timeout) on every statement only makes callers hang.
     */
    boolean unreachable() {
        Failure f = current().orElse(null);
        return f != null && f.reason().equals(UNREACHABLE);
    }

    /** A kind of failure, in words that are safe to publish. */
    static String reason(Throwable e) {
        String all = messages(e);
        if (all.contains("no space left on device") || all.contains("disk full") || all.contains("not enough space")
                || all.contains("quota exceeded")) {
            return "disk full: the database cannot write";
        }
        if (all.contains("read-only file system") || all.contains("read only") || all.contains("readonly")
                || all.contains("read-only") || hasCode(e, 90097) || has(e, AccessDeniedException.class)
                || all.contains("permission denied")) {
            return "read-only: the database cannot write";
        }
        if (hasCode(e, 90030) || all.contains("corrupt")) return "corrupt: the database file cannot be read";
        if (hasCode(e, 90098)) return CLOSED;
        if (hasState(e, "08") || SERVER_GONE.stream().anyMatch(state -> hasState(e, state))
                || has(e, SQLTransientConnectionException.class) || has(e, java.net.ConnectException.class)
                || has(e, java.net.UnknownHostException.class)) {
            return UNREACHABLE;
        }
        return OTHER;
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 100_000; t = t.getCause()) {
            sb.append(' ').append(t.getMessage());
            if (t.getCause() == t) break;
        }
        return sb.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean hasCode(Throwable e, int code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == code) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean hasState(Throwable e, String prefix) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(prefix)) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** The innermost cause's message, on one line: "No space left on device", "The database is read only". */
    static String innermost(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) last = t;
            if (t.getCause() == t) break;
        }
        String m = last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
