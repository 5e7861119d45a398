package org.tributary.store;

/**
 * What a 200 response leaves in the source's state besides its items.
 *
 * @param url         the URL it was fetched from (validators belong to it)
 * @param etag        its ETag, may be null
 * @param lastModified its Last-Modified, may be null
 * @param fingerprint the document's fingerprint (bytes, how they were served, the source's rules), may be null
 */
public record FetchedDocument(String url, String etag, String lastModified, String fingerprint) {}
