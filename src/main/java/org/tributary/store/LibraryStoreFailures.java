package org.tributary.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.sql.SQLTransientConnectionException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * A logback filter (tributary-loggers.xml): what the libraries on the database log when they meet a failure of the
 * store as a whole goes to DEBUG. Quartz's clustered job store logs a stack trace every few seconds while the
 * database is unreachable (its cluster check-in, its misfire scan, each batch of triggers), and HikariCP one per
 * attempt to connect; {@link StoreFailures} already says it once a minute, with the cause, from the same database.
 *
 * <p>A pool that merely ran out of connections (HikariCP's timeout with no cause) is not the store failing, and
 * stays logged: it is Quartz or the store starved of connections, which only the log would show.
 */
public final class LibraryStoreFailures extends TurboFilter {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LibraryStoreFailures.class);

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable thrown) {
        // Quartz passes the exception as the last argument ("...: {}", e.getMessage(), e): logback sees it as a
        // parameter at this point, and takes it for the trace only later.
        Throwable t = thrown != null ? thrown
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
                : null;
        if (t == null || level == null || !level.isGreaterOrEqual(Level.WARN)) return FilterReply.NEUTRAL;
        String name = logger.getName();
        if (!name.startsWith("org.quartz.") && !name.startsWith("com.zaxxer.hikari.")) return FilterReply.NEUTRAL;
        if (!StoreFailures.isStoreFailure(t) || starved(t)) return FilterReply.NEUTRAL;
        if (log.isDebugEnabled()) log.debug("{}: {} (the store fails; see the \"store:\" lines)", name, format, t);
        return FilterReply.DENY;
    }

    /** HikariCP's "Connection is not available, request timed out" with nothing underneath: every connection busy. */
    private static boolean starved(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof SQLTransientConnectionException && e.getCause() == null) return true;
            if (e.getCause() == e) break;
        }
        return false;
    }
}
