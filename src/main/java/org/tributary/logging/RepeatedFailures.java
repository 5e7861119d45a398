package org.tributary.logging;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs unexpected failures with their stack trace, but a failure that repeats (every request, every refresh of a
 * source whose data trips a bug) does not flood the log: each distinct cause gets one full trace per minute; the
 * occurrences after it in that minute are counted, and the next trace says how many there were. A cause is the
 * chain of exception classes with the frame that threw the innermost one, not the message, which often names a
 * source, an id or a path and would make every occurrence "distinct".
 *
 * <p>The store's own failures are not logged here: {@code store/StoreFailures} reports them as one state of the
 * whole store, on the same once-a-minute rule.
 */
public final class RepeatedFailures {

    /** How long a cause's trace stands for the occurrences after it. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    /** Causes remembered at most; the one seen longest ago is forgotten first (its next occurrence is traced). */
    static final int CAUSES = 256;

    private final Logger log;
    /** A monotonic clock (nanoseconds): "once a minute" must not depend on a wall clock that may be stepped. */
    private final LongSupplier ticker;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Seen {
        long tracedAt;
        int untraced;
    }

    public RepeatedFailures(Logger log, LongSupplier ticker) {
        this.log = log;
        this.ticker = ticker;
    }

    public RepeatedFailures(Logger log) {
        this(log, System::nanoTime);
    }

    /**
     * Logs at ERROR {@code message} (an SLF4J pattern) with {@code e}'s stack trace, unless the same cause was traced
     * less than a minute ago; then it is only counted (and logged at DEBUG, trace included).
     *
     * @return whether the trace was written at ERROR
     */
    public boolean error(Throwable e, String message, Object... args) {
        String cause = cause(e);
        int untraced;
        synchronized (this) {
            long now = ticker.getAsLong();
            Seen s = seen.get(cause);
            if (s != null && now - s.tracedAt < EVERY.toNanos()) {
                s.untraced++;
                untraced = -1;
            } else {
                if (s == null) {
                    s = new Seen();
                    seen.put(cause, s);
                    forgetOldest();
                }
                untraced = s.untraced;
                s.tracedAt = now;
                s.untraced = 0;
            }
        }
        Object[] withTrace = java.util.Arrays.copyOf(args, args.length + 1);
        withTrace[args.length] = e;
        if (untraced < 0) {
            if (log.isDebugEnabled()) log.debug(message, withTrace);
            return false;
        }
        String counted = untraced == 0 ? message
                : message + " (" + untraced + " more like it in the last minute, their traces left out)";
        log.error(counted, withTrace);
        return true;
    }

    private void forgetOldest() {
        if (seen.size() <= CAUSES) return;
        Iterator<String> oldest = seen.keySet().iterator();
        oldest.next();
        oldest.remove();
    }

    /** The exception classes from outermost to innermost, and where the innermost was thrown. */
    static String cause(Throwable e) {
        StringBuilder key = new StringBuilder();
        Throwable innermost = e;
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            key.append(t.getClass().getName()).append('<');
            innermost = t;
            if (t.getCause() == t) break;
        }
        StackTraceElement[] frames = innermost.getStackTrace();
        if (frames.length > 0) key.append(frames[0]);
        return key.toString();
    }
}
