package org.tributary.fetch;

import java.net.URI;
import java.util.Objects;
import org.tributary.config.FetchOptions;

/**
 * What to fetch and what we were told last time.
 *
 * @param etag         the ETag exactly as the server sent it last time, or null
 * @param lastModified the Last-Modified exactly as the server sent it last time, or null
 * @param options      the source's own fetch options (TLS opt-ins)
 */
public record FetchRequest(String sourceId, URI url, String etag, String lastModified, FetchOptions options) {
    public FetchRequest {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(url, "url");
        options = options == null ? FetchOptions.DEFAULTS : options;
    }

    public FetchRequest(String sourceId, URI url, String etag, String lastModified) {
        this(sourceId, url, etag, lastModified, FetchOptions.DEFAULTS);
    }
}
