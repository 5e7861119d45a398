package org.tributary.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.publish.EmbedTheme;
import org.tributary.publish.FeedFormat;
import org.tributary.publish.Publisher;
import org.tributary.publish.SiteIcon;
import org.tributary.publish.Views;
import org.tributary.store.PageCursor;
import org.tributary.store.Store;

/**
 * Every document the server publishes, rendered at most once per store version and kept in a {@link DocumentCache}.
 * Both the HTTP routes and the WebSub notifier read documents here, so a ping and a response see the same bytes.
 */
final class Documents {

    private static final Logger log = LoggerFactory.getLogger(Documents.class);

    /**
     * Where a document may come from. MEMORY never blocks (no store, no rendering): the document if it is in memory
     * and known to be current, else null; it is what the document handler asks on the thread that read the request.
     * RENDER reads the store's version and renders on a miss: always a document, but it may block.
     */
    enum Mode { MEMORY, RENDER }

    private final Supplier<Config> config;
    private final Store store;
    private final Views views;
    /** The documents that are not views (style sheets, scripts, OPML): pure, no store. */
    private final Publisher publisher;
    private final DocumentCache cache;
    private final InstantSource clock;
    private final Duration versionTtl;
    private final Runnable onRender;

    /** A version read from the store, and when (on the {@link Ticker}, not the wall clock). */
    private record SeenVersion(long version, long atNanos, boolean valid) {}

    private final Ticker ticker;
    private final EmptySince emptySince = new EmptySince();
    private volatile SeenVersion seen = new SeenVersion(0, 0, false);

    /**
     * @param views      where every view's document is assembled (the export asks the same place)
     * @param clock      what documents are dated with
     * @param versionTtl how long one look at the store's version is trusted. Asking the database on every request
     *                   costs more than serving a 304 (bench/serve); a second of staleness after a refresh costs
     *                   nothing a reader could notice under max-age=300. Zero: every request looks.
     * @param onRender   told each time a document is rendered rather than served from the cache (metrics)
     * @param cache      where rendered documents are kept (its bounds are the server's memory for documents)
     * @param ticker     measures how long a look at the store's version has been trusted (monotonic, not clock)
     */
    Documents(Supplier<Config> config, Store store, Views views, InstantSource clock, Duration versionTtl,
              Runnable onRender, DocumentCache cache, Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker);
        this.cache = Objects.requireNonNull(cache);
        this.onRender = Objects.requireNonNull(onRender);
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.views = Objects.requireNonNull(views);
        this.publisher = new Publisher();
        this.clock = Objects.requireNonNull(clock);
        this.versionTtl = Objects.requireNonNull(versionTtl);
    }

    Config config() {
        return config.get();
    }

    long version() {
        OptionalLong trusted = trustedVersion();
        if (trusted.isPresent()) return trusted.getAsLong();
        long version = store.version().version();
        if (!versionTtl.isZero()) seen = new SeenVersion(version, ticker.nanos(), true);
        return version;
    }

    /** The version last read from the store while that look is still trusted; empty when only the store can tell. */
    private OptionalLong trustedVersion() {
        if (versionTtl.isZero()) return OptionalLong.empty();
        SeenVersion s = seen;
        // On the ticker: with the wall clock stepped back an hour, "until now + 1 s" would trust it for an hour.
        return s.valid() && !Ticker.elapsed(s.atNanos(), ticker.nanos(), versionTtl.toNanos())
                ? OptionalLong.of(s.version()) : OptionalLong.empty();
    }

    /** The feed; with {@link Mode#MEMORY}, null unless it is in memory and current. */
    Rendered feed(FeedFormat format, Topic topic, FeedFilter filter, Mode mode) {
        return view(Views.Output.of(format), topic, filter, mode);
    }

    /** The HTML page; with {@link Mode#MEMORY}, null unless it is in memory and current. */
    Rendered page(Topic topic, FeedFilter filter, Mode mode) {
        return view(Views.Output.PAGE, topic, filter, mode);
    }

    /** The embeddable page in a theme; with {@link Mode#MEMORY}, null unless it is in memory and current. */
    Rendered embed(Topic topic, FeedFilter filter, EmbedTheme theme, Mode mode) {
        return view(Views.Output.EMBED, topic, filter, theme, mode);
    }

    /**
     * The event items of the merged view or a topic under the feed's filters: as iCalendar (the last 30 days and
     * every future event) or as the HTML page of upcoming events (soonest first, a page of the filter's limit). The
     * list depends on the clock as well as the store, so a rendered copy is kept for site.cache_max_age at most.
     */
    Rendered events(Topic topic, FeedFilter filter, boolean calendar, Mode mode) {
        return view(calendar ? Views.Output.CALENDAR : Views.Output.EVENTS, topic, filter, mode);
    }

    /** The OPML list; with {@link Mode#MEMORY}, null unless it is in memory. */
    Rendered opml(Topic topic, Mode mode) {
        Config cfg = config.get();
        String key = configKey(cfg) + "opml|" + (topic == null ? "" : topic.id());
        // The sources come from the config, not the store: fixed per process, whatever the store version.
        return fixed(key, mode, () -> Rendered.of(topic == null
                ? publisher.opml(cfg.site(), cfg.sources())
                : publisher.opml(cfg.site(), cfg.sources(), topic), "text/x-opml; charset=utf-8", clock.instant(),
                maxAge(cfg)));
    }

    /** The style sheet; with {@link Mode#MEMORY}, null unless it is in memory. */
    Rendered css(Mode mode) {
        Config cfg = config.get();
        return fixed(configKey(cfg) + "css", mode, () -> Rendered.of(publisher.css(), "text/css; charset=utf-8",
                clock.instant(), maxAge(cfg)));
    }

    /** /robots.txt; with {@link Mode#MEMORY}, null unless it is in memory. */
    Rendered robots(Mode mode) {
        Config cfg = config.get();
        return fixed(configKey(cfg) + "robots.txt", mode, () -> Rendered.of(publisher.robots(cfg.site()),
                "text/plain; charset=utf-8", clock.instant(), maxAge(cfg)));
    }

    /** The embed widget's default style sheet; with {@link Mode#MEMORY}, null unless it is in memory. */
    Rendered embedCss(Mode mode) {
        Config cfg = config.get();
        return fixed(configKey(cfg) + "embed.css", mode, () -> Rendered.of(publisher.embedCss(),
                "text/css; charset=utf-8", clock.instant(), maxAge(cfg)));
    }

    /** The embed script; with {@link Mode#MEMORY}, null unless it is in memory. */
    Rendered embedScript(Mode mode) {
        Config cfg = config.get();
        return fixed(configKey(cfg) + "embed.js", mode, () -> Rendered.of(publisher.embedScript(cfg.site()),
                "text/javascript; charset=utf-8", clock.instant(), maxAge(cfg)));
    }

    /** A bundled icon file ({@link SiteIcon#BUNDLED}); with {@link Mode#MEMORY}, null unless it is in memory. */
    Rendered icon(SiteIcon.Asset asset, Mode mode) {
        return fixed("icon|" + asset.path(), mode, () -> Rendered.of(asset.bytes(), asset.contentType(),
                clock.instant(), Rendered.BUNDLED_MAX_AGE));
    }

    /** site.cache_max_age in seconds: how long a document the next refresh may change can be kept. */
    private static long maxAge(Config cfg) {
        return cfg.site().cacheMaxAge().toSeconds();
    }

    /** A document that does not depend on the store (kept at version 0). */
    private Rendered fixed(String key, Mode mode, Supplier<Rendered> render) {
        return mode == Mode.MEMORY ? cache.peek(key, 0, null) : cache.get(key, 0, render);
    }

    /** The unfiltered newest page of the merged feed (topic null) or of a topic, as WebSub subscribers know it. */
    FeedFilter unfiltered(Topic topic) {
        try {
            return FeedFilter.parse(java.util.Map.of(), config.get(), topic == null ? null : topic.id());
        } catch (FeedFilter.BadRequest e) {
            throw new IllegalStateException("web: an empty query was refused", e);
        }
    }

    private Rendered view(Views.Output output, Topic topic, FeedFilter filter, Mode mode) {
        return view(output, topic, filter, EmbedTheme.AUTO, mode);
    }

    private Rendered view(Views.Output output, Topic topic, FeedFilter filter, EmbedTheme theme, Mode mode) {
        Config cfg = config.get();
        // The theme as parsed (theme=LIGHT and theme=light are one value, so one document).
        String key = configKey(cfg) + output + "|" + (topic == null ? "" : topic.id()) + "|"
                + filter.canonicalQuery() + "|" + filter.pageParam() + "|" + theme.id();
        // Without sources that hide past events, a document of items changes only with the store; with them, also
        // when the next of their events starts, so it is kept until then and no longer. Event lists move with time.
        Instant now = output.events() || !cfg.sourcesHidingPastEvents().isEmpty() ? clock.instant() : null;
        if (mode == Mode.MEMORY) {
            OptionalLong version = trustedVersion();
            return version.isPresent() ? cache.peek(key, version.getAsLong(), now) : null;
        }
        return rendered(key, () -> cache.get(key, version(), now, () -> {
            onRender.run();
            Instant since = emptySince.since(key, clock.instant());
            Views.Document doc = views.render(cfg, new Views.Request(topic, filter.query(), filter.canonicalQuery(),
                    filter.matchesNothing(), filter.cursor(), filter.direction(), output, false, since, theme));
            if (filter.cursor() == null) emptySince.record(key, doc.empty(), since);
            // Last-Modified: when these bytes were made (the cache keeps it while the bytes stay the same); item dates
            // would not move when an item is hidden or the config changes a title, and a 304 would keep old bytes.
            Rendered rendered = Rendered.of(doc.body(), doc.contentType(), clock.instant(),
                    doc.archived() ? Rendered.ARCHIVE_MAX_AGE : maxAge(cfg));
            // A page from a cursor that finds nothing is beyond every stored item: no link of ours leads there, and
            // each forged cursor would otherwise take a place in the cache.
            boolean keep = filter.cursor() == null || !doc.empty();
            return new DocumentCache.Expiring(rendered, doc.validUntil(), keep);
        }));
    }

    /**
     * The document, or when it cannot be rendered (the store fails, memory runs out) the last one kept for its key,
     * so that one failed render never turns a feed into errors while an older copy is at hand. Running out of memory
     * also gives back every other cached document, so the renders after it can succeed.
     */
    private Rendered rendered(String key, Supplier<Rendered> render) {
        try {
            return render.get();
        } catch (OutOfMemoryError e) {
            cache.shed(key);
            return staleOr(key, new Unavailable("out of memory", e));
        } catch (RuntimeException e) {
            return staleOr(key, e);
        }
    }

    private Rendered staleOr(String key, RuntimeException failure) {
        Rendered stale = cache.stale(key);
        // A failing store logs itself once a minute: a line per request would flood the log.
        boolean storeFails = Store.isStoreFailure(failure);
        if (stale == null) {
            throw storeFails ? new Unavailable("the store fails", failure) : failure;
        }
        if (storeFails) log.debug("web: serving the last good copy of a document: {}", failure.toString());
        else log.warn("web: serving the last good copy of a document: {}", failure.toString());
        return stale;
    }

    /** A document that cannot be rendered now and has no older copy; answered 503. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The bytes the cached documents hold. */
    long cachedBytes() {
        return cache.bytes();
    }

    int cachedDocuments() {
        return cache.size();
    }

    /**
     * Whether a cursor lies outside every place an item can be: before the year 0 or after now plus a day. Stored
     * items are dated no later than when they were first seen, so such a cursor is forged (or garbled).
     */
    boolean beyondStoredRange(PageCursor cursor) {
        Instant latest = clock.instant().plus(CURSOR_MARGIN);
        return cursor.date().isBefore(EARLIEST) || cursor.firstSeen().isBefore(EARLIEST)
                || cursor.date().isAfter(latest) || cursor.firstSeen().isAfter(latest);
    }

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /** Room for clocks of several nodes that disagree. */
    private static final Duration CURSOR_MARGIN = Duration.ofDays(1);

    /**
     * Documents depend on the config as well as the store (titles, topics, site): a reloaded config is a new
     * instance, so keying on its identity renders afresh after a reload; the old entries age out of the LRU.
     */
    private static String configKey(Config cfg) {
        return Integer.toHexString(System.identityHashCode(cfg)) + ":";
    }

    /**
     * When each view that lists nothing was first rendered so: an empty feed keeps that date (and so its bytes and
     * ETag) across renders until an item enters it. Bounded: the least recently rendered views are forgotten first,
     * and forgetting one only dates it anew.
     */
    private static final class EmptySince {
        private static final int MAX_VIEWS = 4_096;
        private final java.util.LinkedHashMap<String, Instant> since = new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Instant> eldest) {
                return size() > MAX_VIEWS;
            }
        };

        synchronized Instant since(String key, Instant now) {
            Instant known = since.get(key);
            return known != null ? known : now;
        }

        synchronized void record(String key, boolean empty, Instant when) {
            if (empty) since.putIfAbsent(key, when);
            else since.remove(key);
        }
    }
}
