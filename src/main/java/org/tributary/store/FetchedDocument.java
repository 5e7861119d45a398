package org.tributary.store;

import java.time.Instant;
import java.util.List;

/**
 * What a 200 response leaves in the source's state besides its items.
 *
 * @param url         the URL it was fetched from (validators belong to it)
 * @param etag        its ETag, may be null
 * @param lastModified its Last-Modified, may be null
 * @param fingerprint the document's fingerprint (bytes, how they were served, the source's rules), may be null
 * @param postDates   the dates of its newest posts, newest first, which adaptive polling spaces fetches by; a 304 or
 *                    the same document again reads them back from {@link SourceState#postDates()}
 */
public record FetchedDocument(String url, String etag, String lastModified, String fingerprint,
                              List<Instant> postDates) {

    /** At most this many post dates are kept: adaptive polling looks at the newest ten. */
    public static final int POST_DATES = 10;

    public FetchedDocument {
        postDates = postDates == null ? List.of()
                : postDates.stream().filter(java.util.Objects::nonNull).sorted(java.util.Comparator.reverseOrder())
                .limit(POST_DATES).toList();
    }

    /** A document without post dates. */
    public FetchedDocument(String url, String etag, String lastModified, String fingerprint) {
        this(url, etag, lastModified, fingerprint, List.of());
    }
}
