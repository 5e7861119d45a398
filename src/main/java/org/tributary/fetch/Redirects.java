package org.tributary.fetch;

import java.util.Optional;
import okhttp3.HttpUrl;

/** Which redirects we follow: at most five hops, and never from https down to http. */
final class Redirects {

    static final int MAX_HOPS = 5;

    private Redirects() {}

    static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /** 301 and 308 say "use the new URL from now on"; 302, 303 and 307 say "this time". */
    static boolean isPermanent(int code) {
        return code == 301 || code == 308;
    }

    /** The Location resolved against the URL that answered, or null when missing or not http(s). */
    static HttpUrl target(HttpUrl from, String location) {
        return location == null || location.isBlank() ? null : from.resolve(location.strip());
    }

    /**
     * Why we won't follow this redirect, if we won't.
     *
     * @param hop how many redirects we have already followed
     */
    static Optional<String> refusal(int code, HttpUrl from, HttpUrl to, int hop) {
        if (to == null) return Optional.of("HTTP " + code + " without a usable Location");
        if (from.isHttps() && !to.isHttps()) return Optional.of("redirect from https to http refused");
        if (hop >= MAX_HOPS) return Optional.of("too many redirects");
        return Optional.empty();
    }
}
