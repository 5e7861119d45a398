package org.tributary.fetch;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Says who we are and that we want feeds. Accept-Encoding is deliberately left to OkHttp: when OkHttp adds gzip
 * itself it also un-gzips, so the body cap counts decompressed bytes.
 */
final class StandardHeaders implements Interceptor {

    static final String ACCEPT = "application/atom+xml, application/rss+xml, application/feed+json, "
            + "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.8, */*;q=0.1";

    private final String userAgent;

    StandardHeaders(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder()
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .build());
    }
}
