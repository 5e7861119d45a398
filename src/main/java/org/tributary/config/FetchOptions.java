package org.tributary.config;

/**
 * How one source is fetched beyond the global {@link FetchSettings}: per-source opt-ins such as a private CA.
 * Empty for now; the fetch-manners work fills it in.
 */
public record FetchOptions() {
    public static final FetchOptions DEFAULTS = new FetchOptions();
}
