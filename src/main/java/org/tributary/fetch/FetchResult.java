package org.tributary.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** Every way a fetch can end, as a value: a 404 or a timeout is an outcome, not an exception. */
public sealed interface FetchResult {

    String sourceId();

    /**
     * A body to parse.
     *
     * @param finalUrl          the URL after redirects: relative links in the feed resolve against it
     * @param contentLocation   the Content-Location header resolved against finalUrl, or null
     * @param contentType       the Content-Type header, or null
     * @param permanentRedirect finalUrl when every redirect on the way was permanent (301/308), else null
     * @param freshUntil        what Cache-Control max-age or Expires allow: no need to ask again before it; or null
     */
    record Fetched(String sourceId, int status, byte[] body, String contentType, URI finalUrl, URI contentLocation,
                   String etag, String lastModified, long millis, URI permanentRedirect, Instant freshUntil)
            implements FetchResult {
        public Fetched {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(finalUrl, "finalUrl");
        }

        public Fetched(String sourceId, int status, byte[] body, String contentType, URI finalUrl, URI contentLocation,
                       String etag, String lastModified, long millis) {
            this(sourceId, status, body, contentType, finalUrl, contentLocation, etag, lastModified, millis, null, null);
        }
    }

    /** 304: what we have is current. The last two components mean what they mean on {@link Fetched}. */
    record NotModified(String sourceId, String etag, String lastModified, long millis, URI permanentRedirect,
                       Instant freshUntil) implements FetchResult {
        public NotModified(String sourceId, String etag, String lastModified, long millis) {
            this(sourceId, etag, lastModified, millis, null, null);
        }
    }

    /**
     * Anything else. reason is one line for people ("HTTP 503", "timed out after 20s", "body over 10 MB").
     *
     * @param status     the HTTP status, 0 when there was no response
     * @param retryAfter the time a 429 or 503 asked us to wait for (Retry-After, seconds or HTTP date), or null
     */
    record Failed(String sourceId, int status, String reason, long millis, Instant retryAfter) implements FetchResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        public Failed(String sourceId, int status, String reason, long millis) {
            this(sourceId, status, reason, millis, null);
        }
    }
}
