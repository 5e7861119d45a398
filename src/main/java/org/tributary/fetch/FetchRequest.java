package org.tributary.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * What to fetch and what we were told last time.
 *
 * @param etag         the ETag exactly as the server sent it last time, or null
 * @param lastModified the Last-Modified exactly as the server sent it last time, or null
 */
public record FetchRequest(String sourceId, URI url, String etag, String lastModified) {
    public FetchRequest {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(url, "url");
    }
}
