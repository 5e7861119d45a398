package org.tributary.fetch;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.CacheControl;
import okhttp3.Response;

/** The times a response asks us to respect: Retry-After, and Cache-Control max-age / Expires. */
final class ResponseTimes {

    private static final long MAX_SECONDS = 10L * 365 * 24 * 3600;

    private ResponseTimes() {}

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Instant retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) return null;
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            long seconds = value.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(value), MAX_SECONDS);
            return now.plusSeconds(seconds);
        }
        return httpDate(value);
    }

    /** Until when the response is fresh by its own word; null when it says nothing, no-cache, or no-store. */
    static Instant freshUntil(Response response, Instant now) {
        CacheControl cc = response.cacheControl();
        if (cc.noCache() || cc.noStore()) return null;
        if (cc.maxAgeSeconds() > 0) return now.plusSeconds(Math.min(cc.maxAgeSeconds(), MAX_SECONDS));
        if (cc.maxAgeSeconds() == 0) return null;
        Instant expires = httpDate(response.header("Expires"));
        return expires != null && expires.isAfter(now) ? expires : null;
    }

    static Instant httpDate(String value) {
        if (value == null) return null;
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
