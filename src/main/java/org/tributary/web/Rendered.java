package org.tributary.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A document rendered once and served many times: its bytes, the same bytes gzipped (compressing per request costs
 * more than rendering, see PERFORMANCE.md), and validators derived from the bytes, so the ETag changes exactly when
 * the content does and every node serving the same content sends the same ETag.
 */
record Rendered(byte[] body, byte[] gzipped, String etag, Instant lastModified, String contentType,
                long maxAgeSeconds) {

    /** How long a document that the next refresh may change can be cached: five minutes. */
    static final long FRESH_MAX_AGE = 300;
    /**
     * How long an archive page can be cached: a day. Its items are older than its cursor, so new items never
     * enter it; only hiding or editing an old item could, and a day is how long that may take to reach caches.
     */
    static final long ARCHIVE_MAX_AGE = 86_400;

    static Rendered of(String text, String contentType, Instant lastModified) {
        return of(text, contentType, lastModified, FRESH_MAX_AGE);
    }

    static Rendered of(String text, String contentType, Instant lastModified, long maxAgeSeconds) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new Rendered(body, gzip(body), etagOf(body), lastModified, contentType, maxAgeSeconds);
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
