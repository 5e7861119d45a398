package org.tributary.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * A document rendered once and served many times: its bytes, the same bytes gzipped (compressing per request costs
 * more than rendering, measured in bench/serve), and validators derived from the bytes, so the ETag changes exactly when
 * the content does and every node serving the same content sends the same ETag. Its response headers are encoded
 * once too ({@link Fields}), and both bodies are kept in read-only direct buffers, which the socket writes without
 * the copy a heap array costs: a request for it formats and copies nothing (bench/serve).
 *
 * @param directBody    the UTF-8 bytes, read-only: send a {@link ByteBuffer#duplicate()}
 * @param directGzipped the same, gzipped, read-only: send a {@link ByteBuffer#duplicate()}
 */
record Rendered(ByteBuffer directBody, ByteBuffer directGzipped, String etag, Instant lastModified, String contentType,
                long maxAgeSeconds, Fields fields) {

    /** The document's own response headers, encoded once for every response that sends it. */
    record Fields(HttpField etag, HttpField lastModified, HttpField cacheControl, HttpField contentType,
                  HttpField length, HttpField gzippedLength) {}

    /** How long a document that the next refresh may change can be cached by default (site.cache_max_age). */
    static final long FRESH_MAX_AGE = org.tributary.config.Site.DEFAULT_CACHE_MAX_AGE.toSeconds();
    /**
     * How long an archive page can be cached: a day. Its items are older than its cursor, so new items never
     * enter it; only hiding or editing an old item could, and a day is how long that may take to reach caches.
     */
    static final long ARCHIVE_MAX_AGE = 86_400;
    /**
     * How long a file bundled with the program (the icon) can be cached: a week. Only a new release changes it, and
     * its ETag is derived from its bytes, so a revalidation after that week costs a 304.
     */
    static final long BUNDLED_MAX_AGE = 7 * 86_400;

    /** The same document, modified at another instant (the bodies are shared, not copied). */
    Rendered withLastModified(Instant other) {
        return new Rendered(directBody, directGzipped, etag, other, contentType, maxAgeSeconds,
                new Fields(fields.etag(), new PreEncodedHttpField(HttpHeader.LAST_MODIFIED,
                        ConditionalGet.httpDate(other)), fields.cacheControl(), fields.contentType(), fields.length(),
                        fields.gzippedLength()));
    }

    /** What the document holds in memory: the body and the gzipped body. */
    long bytes() {
        return directBody.capacity() + directGzipped.capacity();
    }

    /** A copy of the UTF-8 bytes. */
    byte[] body() {
        return bytes(directBody);
    }

    /** A copy of the gzipped bytes. */
    byte[] gzipped() {
        return bytes(directGzipped);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static Rendered of(String text, String contentType, Instant lastModified) {
        return of(text, contentType, lastModified, FRESH_MAX_AGE);
    }

    static Rendered of(String text, String contentType, Instant lastModified, long maxAgeSeconds) {
        return of(text.getBytes(StandardCharsets.UTF_8), contentType, lastModified, maxAgeSeconds);
    }

    /** A document that is bytes already (the bundled icon). */
    static Rendered of(byte[] body, String contentType, Instant lastModified, long maxAgeSeconds) {
        byte[] gzipped = gzip(body);
        String etag = etagOf(body);
        Fields fields = new Fields(new PreEncodedHttpField(HttpHeader.ETAG, etag),
                new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, ConditionalGet.httpDate(lastModified)),
                new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds),
                new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType),
                new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, body.length),
                new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, gzipped.length));
        return new Rendered(direct(body), direct(gzipped), etag, lastModified, contentType, maxAgeSeconds, fields);
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
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
