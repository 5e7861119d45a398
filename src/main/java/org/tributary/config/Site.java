package org.tributary.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What the published documents say about themselves.
 *
 * @param link     the human page this feed belongs to
 * @param baseUrl  where this server is reachable; self links and ids are built on it (no trailing slash)
 * @param hub      optional WebSub hub, null when none
 * @param mergeDuplicates publish one story carried by several sources once, crediting the first and listing the others
 * @param cacheMaxAge how long clients and caches may keep a document the next refresh may change (Cache-Control
 *                    max-age of the newest pages, OPML, style sheet and script; archive pages are kept a day)
 * @param timezone the IANA zone every day and time a person reads is shown in (pages, embed, event lines); feeds
 *                 keep instants with their offset. UTC when not set.
 * @param sourceCredit how the feeds show which partner an item came from, to readers that ignore atom:source
 * @param icon     the site's icon (feeds' icon and logo, the pages' favicon) as an absolute http(s) URL, or null for
 *                 the icon bundled with the program, served by us
 * @param imageProxy whether item images are published as links to our own /images/ route (see {@link ImageProxy})
 */
public record Site(
        String title,
        String description,
        URI link,
        URI baseUrl,
        String language,
        int items,
        int excerptChars,
        URI hub,
        boolean mergeDuplicates,
        Duration cacheMaxAge,
        java.time.ZoneId timezone,
        SourceCredit sourceCredit,
        URI icon,
        ImageProxy imageProxy) {

    /**
     * site.image_proxy: item images served from our origin out of a bounded disk cache, so an https page has no mixed
     * content and partners' image servers never see readers' addresses.
     *
     * @param maxBytes   the largest image fetched (also capped by fetch.max_bytes)
     * @param cacheBytes the disk the cached images may take in all
     * @param cacheFiles how many images the cache keeps at most
     */
    public record ImageProxy(boolean enabled, long maxBytes, long cacheBytes, int cacheFiles) {

        public static final long DEFAULT_MAX_BYTES = 5L << 20;
        public static final long DEFAULT_CACHE_BYTES = 256L << 20;
        public static final int DEFAULT_CACHE_FILES = 10_000;
        /** Images are linked to where they are: the default. */
        public static final ImageProxy OFF = new ImageProxy(false, DEFAULT_MAX_BYTES, DEFAULT_CACHE_BYTES,
                DEFAULT_CACHE_FILES);
        /** On, with the default bounds. */
        public static final ImageProxy ON = new ImageProxy(true, DEFAULT_MAX_BYTES, DEFAULT_CACHE_BYTES,
                DEFAULT_CACHE_FILES);

        public ImageProxy {
            if (maxBytes < 1 || cacheBytes < maxBytes || cacheFiles < 1) {
                throw new IllegalArgumentException("image_proxy: max_bytes, cache and cache_files must be positive, "
                        + "and the cache must hold at least one image of max_bytes");
            }
        }
    }

    /** site.source_credit: where a feed names the partner beside atom:source, RSS source and _tributary.source. */
    public enum SourceCredit {
        /** The item's HTML ends with "From PARTNER" and the "also from" list (the default). */
        CONTENT,
        /** The partner joins the item's authors, or stands in when it has none. */
        AUTHOR,
        /** The title reads "PARTNER: Title". */
        TITLE,
        /** Only the machine-readable source elements. */
        NONE
    }

    /** Five minutes: a reader polling every minute sees a new item within five. */
    public static final Duration DEFAULT_CACHE_MAX_AGE = Duration.ofMinutes(5);

    /**
     * A site with every optional setting at its default (fifty items, 250-character excerpts, English, UTC, no hub,
     * duplicates merged, the source credited in the content, the bundled icon); change them with {@link #toBuilder()}.
     */
    public static Builder builder(String title, URI link, URI baseUrl) {
        return new Builder(title, link, baseUrl);
    }

    /** This site with some settings changed. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Site {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(baseUrl, "baseUrl");
        description = description == null ? "" : description;
        language = language == null ? "en" : language;
        if (items < 1 || items > 500) throw new IllegalArgumentException("items must be 1..500");
        if (excerptChars < 20) throw new IllegalArgumentException("excerpt_chars must be at least 20");
        cacheMaxAge = cacheMaxAge == null ? DEFAULT_CACHE_MAX_AGE : cacheMaxAge;
        timezone = timezone == null ? java.time.ZoneOffset.UTC : timezone;
        sourceCredit = sourceCredit == null ? SourceCredit.CONTENT : sourceCredit;
        imageProxy = imageProxy == null ? ImageProxy.OFF : imageProxy;
    }

    /** An absolute URL on this server for a path that starts with "/". */
    public String url(String path) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + path;
    }

    /**
     * The path part of {@link #baseUrl} without a trailing slash: "" for {@code https://feeds.example.org}, "/news"
     * for {@code https://library.example.org/news}. Every link our pages make starts with it.
     */
    public String basePath() {
        String path = baseUrl.getRawPath();
        if (path == null) return "";
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path;
    }

    /** A link on our own pages to a path that starts with "/": the path under {@link #basePath()}. */
    public String path(String path) {
        return basePath() + path;
    }

    /** Builds a {@link Site}: one place for the defaults, so a new setting adds a method rather than a constructor. */
    public static final class Builder {
        private final String title;
        private final URI link;
        private final URI baseUrl;
        private String description = "";
        private String language = "en";
        private int items = 50;
        private int excerptChars = 250;
        private URI hub;
        private boolean mergeDuplicates = true;
        private Duration cacheMaxAge = DEFAULT_CACHE_MAX_AGE;
        private java.time.ZoneId timezone;
        private SourceCredit sourceCredit = SourceCredit.CONTENT;
        private URI icon;
        private ImageProxy imageProxy = ImageProxy.OFF;

        private Builder(String title, URI link, URI baseUrl) {
            this.title = title;
            this.link = link;
            this.baseUrl = baseUrl;
        }

        private Builder(Site site) {
            this(site.title, site.link, site.baseUrl);
            description = site.description;
            language = site.language;
            items = site.items;
            excerptChars = site.excerptChars;
            hub = site.hub;
            mergeDuplicates = site.mergeDuplicates;
            cacheMaxAge = site.cacheMaxAge;
            timezone = site.timezone;
            sourceCredit = site.sourceCredit;
            icon = site.icon;
            imageProxy = site.imageProxy;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder language(String value) {
            language = value;
            return this;
        }

        public Builder items(int value) {
            items = value;
            return this;
        }

        public Builder excerptChars(int value) {
            excerptChars = value;
            return this;
        }

        public Builder hub(URI value) {
            hub = value;
            return this;
        }

        public Builder mergeDuplicates(boolean value) {
            mergeDuplicates = value;
            return this;
        }

        public Builder cacheMaxAge(Duration value) {
            cacheMaxAge = value;
            return this;
        }

        public Builder timezone(java.time.ZoneId value) {
            timezone = value;
            return this;
        }

        public Builder sourceCredit(SourceCredit value) {
            sourceCredit = value;
            return this;
        }

        public Builder icon(URI value) {
            icon = value;
            return this;
        }

        public Builder imageProxy(ImageProxy value) {
            imageProxy = value;
            return this;
        }

        public Site build() {
            return new Site(title, description, link, baseUrl, language, items, excerptChars, hub, mergeDuplicates,
                    cacheMaxAge, timezone, sourceCredit, icon, imageProxy);
        }
    }
}
