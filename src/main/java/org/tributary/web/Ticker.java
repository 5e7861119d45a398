package org.tributary.web;

/**
 * A monotonic clock for intervals ("trusted for a second", "quiet for five seconds"): the wall clock can be stepped
 * back by an hour (NTP, an operator, a VM resumed), and an interval measured on it would then last an hour longer.
 * Nanoseconds from an arbitrary origin; only differences mean anything.
 */
@FunctionalInterface
interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }

    /** Whether at least {@code interval} nanoseconds have passed since {@code start} (overflow-safe, as nanoTime). */
    static boolean elapsed(long start, long now, long interval) {
        return now - start >= interval;
    }
}
