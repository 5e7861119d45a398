package org.tributary.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How every source is fetched.
 *
 * @param timeout       the whole call: connect, redirects, headers and body
 * @param maxBytes      the body cap, counted after decompression
 * @param allowPrivate  exact "host:port" exceptions to the public-address rule
 * @param perHost       fetches at the same time to one host
 * @param maxConcurrent fetches at the same time in all
 */
public record FetchSettings(String userAgent, Duration timeout, long maxBytes, List<String> allowPrivate,
                            int perHost, int maxConcurrent) {

    public static final int DEFAULT_PER_HOST = 2;
    public static final int DEFAULT_MAX_CONCURRENT = 16;

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive");
        if (maxBytes < 1) throw new IllegalArgumentException("max_bytes must be positive");
        if (perHost < 1 || maxConcurrent < 1) throw new IllegalArgumentException("concurrency caps must be positive");
        allowPrivate = List.copyOf(allowPrivate);
    }

    /** The default caps: 2 per host, 16 in all. */
    public FetchSettings(String userAgent, Duration timeout, long maxBytes, List<String> allowPrivate) {
        this(userAgent, timeout, maxBytes, allowPrivate, DEFAULT_PER_HOST, DEFAULT_MAX_CONCURRENT);
    }
}
