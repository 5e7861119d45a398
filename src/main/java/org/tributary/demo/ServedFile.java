package org.tributary.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One thing the demo serves, in both encodings, compressed once at start (compressing per request is the
 * expensive part of serving a feed). Each encoding has its own strong ETag, as HTTP asks of strong validators.
 */
record ServedFile(String contentType, Variant identity, Variant gzip, Instant modified) {

    /** HTTP's IMF-fixdate: unlike RFC_1123_DATE_TIME it always writes the day with two digits. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

    ServedFile {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(modified, "modified");
    }

    /** @param gzipEncode false for images, which are compressed already or too small to matter */
    static ServedFile of(String contentType, byte[] bytes, Instant modified, boolean gzipEncode) {
        String tag = HexFormat.of().formatHex(sha256(bytes), 0, 8);
        Variant identity = new Variant(bytes, "\"" + tag + "\"", false);
        Variant gzip = gzipEncode ? new Variant(gzip(bytes), "\"" + tag + "-gz\"", true) : null;
        return new ServedFile(contentType, identity, gzip, modified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    Variant variantFor(String acceptEncoding) {
        boolean wantsGzip = acceptEncoding != null && acceptEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        return wantsGzip && gzip != null ? gzip : identity;
    }

    String lastModified() {
        return HTTP_DATE.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC));
    }

    /** If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2). */
    boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.strip();
                if (tag.startsWith("W/")) tag = tag.substring(2); // If-None-Match compares weakly
                if (tag.equals("*") || tag.equals(identity.etag()) || (gzip != null && tag.equals(gzip.etag()))) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince == null) return false;
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException unreadable) {
            return false; // an unreadable date is ignored, as RFC 9110 says
        }
    }

    record Variant(byte[] bytes, String etag, boolean gzipped) {
        Variant {
            Objects.requireNonNull(etag, "etag");
            bytes = Arrays.copyOf(bytes, bytes.length);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return out.toByteArray();
    }
}
