/**
 * A source's URL and its last validators → a {@link org.tributary.fetch.FetchResult} value (Fetched, NotModified, Failed). Never parses; never throws for a remote problem; OkHttp types stay here.
 */
package org.tributary.fetch;
