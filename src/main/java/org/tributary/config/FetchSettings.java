package org.tributary.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How every source is fetched.
 *
 * @param timeout      the whole call: connect, redirects, headers and body
 * @param maxBytes     the body cap, counted after decompression
 * @param allowPrivate exact "host:port" exceptions to the public-address rule
 */
public record FetchSettings(String userAgent, Duration timeout, long maxBytes, List<String> allowPrivate) {

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive");
        if (maxBytes < 1) throw new IllegalArgumentException("max_bytes must be positive");
        allowPrivate = List.copyOf(allowPrivate);
    }
}
