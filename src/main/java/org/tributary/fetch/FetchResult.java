package org.tributary.fetch;

import java.net.URI;
import java.util.Objects;

/** Every way a fetch can end, as a value: a 404 or a timeout is an outcome, not an exception. */
public sealed interface FetchResult {

    String sourceId();

    /**
     * A body to parse.
     *
     * @param finalUrl        the URL after redirects: relative links in the feed resolve against it
     * @param contentLocation the Content-Location header resolved against finalUrl, or null
     * @param contentType     the Content-Type header, or null
     */
    record Fetched(String sourceId, int status, byte[] body, String contentType, URI finalUrl, URI contentLocation,
                   String etag, String lastModified, long millis) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(finalUrl, "finalUrl");
        }
    }

    /** 304: what we have is current. */
    record NotModified(String sourceId, String etag, String lastModified, long millis) implements FetchResult {}

    /**
     * Anything else. reason is one line for people ("HTTP 503", "timed out after 20s", "body over 10 MB").
     *
     * @param status the HTTP status, or 0 when there was no response
     */
    record Failed(String sourceId, int status, String reason, long millis) implements FetchResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
