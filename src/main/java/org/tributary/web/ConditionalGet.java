package org.tributary.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** RFC 9110 conditional requests: If-None-Match wins over If-Modified-Since. */
final class ConditionalGet {

    private ConditionalGet() {}

    static boolean notModified(Rendered doc, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) return matches(ifNoneMatch, doc.etag());
        if (ifModifiedSince != null) {
            Instant since = parseHttpDate(ifModifiedSince);
            return since != null && !doc.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        }
        return false;
    }

    /** Weak comparison, as for GET: W/"x" matches "x"; "*" matches anything; no header matches nothing. */
    static boolean matches(String header, String etag) {
        if (header == null) return false;
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) return true;
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals(etag)) return true;
        }
        return false;
    }

    /** RFC 9110's IMF-fixdate: a two-digit day (Java's RFC_1123_DATE_TIME writes "Thu, 5 Mar", which it forbids). */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    static String httpDate(Instant instant) {
        return IMF_FIXDATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant parseHttpDate(String value) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
