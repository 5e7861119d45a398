package org.tributary.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.store.Events;
import org.tributary.store.ItemPages;
import org.tributary.store.ItemQuery;
import org.tributary.store.PageCursor;
import org.tributary.store.Store;
import org.tributary.store.StoredItem;

/**
 * The one place a view request (merged or a topic, filters, a page cursor, an output) becomes a document. The server
 * and the static export both ask here, so they choose the same items, page them by the same rule and date an empty
 * view the same way; a new output is added once, as an {@link Output}. Reads the store, never writes it.
 */
public final class Views {

    /** Items on an embed page when the request names no limit: five is what fits in a sidebar. */
    public static final int EMBED_ITEMS = 5;
    /** How far back the calendars reach: a subscriber keeps the events of the last weeks. */
    public static final Duration CALENDAR_PAST = Duration.ofDays(30);
    /** The most events one calendar lists. */
    public static final int MAX_EVENTS = 1000;

    /** The policy of our HTML pages: no script at all, our style sheet, images from anywhere, never framed. */
    public static final String HTML_CSP = "default-src 'none'; style-src 'self'; img-src http: https:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /**
     * The same policy, except that any site may frame it (/embed exists to be put in another library's page) and that
     * its one script, which tells the framing page its height, runs: allowed by its hash, no other script.
     */
    public static final String EMBED_CSP = "default-src 'none'; style-src 'self'; img-src http: https:; "
            + "script-src " + EmbedPage.SCRIPT_SOURCE + "; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors *";

    /** What a view is published as. */
    public enum Output {
        PAGE("text/html; charset=utf-8", HTML_CSP),
        EMBED("text/html; charset=utf-8", EMBED_CSP),
        ATOM(FeedFormat.ATOM.mediaType() + "; charset=utf-8", null),
        RSS(FeedFormat.RSS.mediaType() + "; charset=utf-8", null),
        JSON(FeedFormat.JSON.mediaType() + "; charset=utf-8", null),
        /** The HTML page of upcoming events, soonest first. */
        EVENTS("text/html; charset=utf-8", HTML_CSP),
        /** iCalendar of the last {@link #CALENDAR_PAST} and every future event. */
        CALENDAR("text/calendar; charset=utf-8", null);

        private final String contentType;
        private final String contentSecurityPolicy;

        Output(String contentType, String contentSecurityPolicy) {
            this.contentType = contentType;
            this.contentSecurityPolicy = contentSecurityPolicy;
        }

        public String contentType() {
            return contentType;
        }

        /** The Content-Security-Policy of an HTML output; null for the others. */
        public String contentSecurityPolicy() {
            return contentSecurityPolicy;
        }

        public static Output of(FeedFormat format) {
            return switch (format) {
                case ATOM -> ATOM;
                case RSS -> RSS;
                case JSON -> JSON;
            };
        }

        /** True for the outputs that list event items by their start rather than items by date. */
        public boolean events() {
            return this == EVENTS || this == CALENDAR;
        }

        FeedFormat format() {
            return switch (this) {
                case ATOM -> FeedFormat.ATOM;
                case RSS -> FeedFormat.RSS;
                case JSON -> FeedFormat.JSON;
                default -> null;
            };
        }
    }

    /**
     * One document asked for.
     *
     * @param topic          the topic, null for the merged view
     * @param query          the items to read (its limit is the page size)
     * @param canonicalQuery the query as it appears in our links, "" when none
     * @param matchesNothing the filters exclude every source (a kind with no sources): no store read at all
     * @param cursor         the page's cursor, null for the first page
     * @param direction      which way the page runs from the cursor; null for the first page
     * @param staticFiles    page links as file names, for the static export
     * @param emptySince     on the server, when this view was first rendered empty (it keeps that date while it stays
     *                       empty); null: now
     * @param theme          the colours of an embed page (AUTO for every other output, which has none of its own)
     */
    public record Request(Topic topic, ItemQuery query, String canonicalQuery, boolean matchesNothing,
                          PageCursor cursor, ItemPages.Direction direction, Output output, boolean staticFiles,
                          Instant emptySince, EmbedTheme theme) {
        public Request {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(output, "output");
            theme = theme == null || output != Output.EMBED ? EmbedTheme.AUTO : theme;
            canonicalQuery = canonicalQuery == null ? "" : canonicalQuery;
            if ((cursor == null) != (direction == null)) throw new IllegalArgumentException("cursor and direction go together");
        }

        /** A request in the visitor's own colours ({@link EmbedTheme#AUTO}). */
        public Request(Topic topic, ItemQuery query, String canonicalQuery, boolean matchesNothing, PageCursor cursor,
                       ItemPages.Direction direction, Output output, boolean staticFiles, Instant emptySince) {
            this(topic, query, canonicalQuery, matchesNothing, cursor, direction, output, staticFiles, emptySince, null);
        }

        /** The first page of an unfiltered view, as the export writes it. */
        public static Request first(Topic topic, int limit, Output output, boolean staticFiles) {
            ItemQuery query = new ItemQuery(Set.of(), topic == null ? Set.of() : Set.of(topic.id()), Set.of(), limit);
            return new Request(topic, query, "", false, null, null, output, staticFiles, null);
        }

        Request as(Output other) {
            return new Request(topic, query, canonicalQuery, matchesNothing, cursor, direction, other, staticFiles,
                    emptySince, theme);
        }

        Request from(Paging.Ref page, ItemPages.Direction direction) {
            PageCursor at = PageCursor.decode(page.cursor()).orElseThrow();
            return new Request(topic, query, canonicalQuery, matchesNothing, at, direction, output, staticFiles,
                    emptySince, theme);
        }
    }

    /**
     * A rendered document and what a cache needs to know about it.
     *
     * @param href       the site-relative path of this very document (a static export's file name comes from it)
     * @param archived   new items can no longer enter it (an older page): it may be cached for a long time
     * @param empty      it lists nothing
     * @param validUntil when its selection changes without a write to the store (an event starts or a calendar
     *                   moves on), null when only a write changes it
     */
    public record Document(Output output, String href, String body, Paging paging, boolean archived, boolean empty,
                           Instant validUntil) {
        public String contentType() {
            return output.contentType();
        }
    }

    private final Publisher publisher;
    private final Store store;
    private final ItemPages pages;
    private final Events events;
    private final InstantSource clock;

    public Views(Publisher publisher, Store store, InstantSource clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.store = Objects.requireNonNull(store, "store");
        this.pages = new ItemPages(store);
        this.events = new Events(store);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The document a reader asks for: one page, its links by the rule of {@link #paging}. */
    public Document render(Config config, Request request) {
        return request.output().events() ? events(config, request, null) : items(config, request, null);
    }

    /** Receives the pages of a view one at a time. */
    @FunctionalInterface
    public interface PageSink {
        void accept(Document page) throws java.io.IOException;
    }

    /**
     * Every page of a view from its first, following "next" exactly as a reader would; with static files each page's
     * "previous" is the page it was reached from, since a static export writes no other pages.
     */
    public void walk(Config config, Request first, PageSink sink) throws java.io.IOException {
        walk(config, first, List.of(first.output()), sink);
    }

    /**
     * Every page of a view in each of {@code outputs} (item outputs of one query, or a single output), each page read
     * from the store once and written in every output: the HTML page and the three feeds of a page hold the same items.
     */
    public void walk(Config config, Request first, List<Output> outputs, PageSink sink) throws java.io.IOException {
        if (outputs.isEmpty() || outputs.size() > 1 && outputs.stream().anyMatch(o -> o.events() || o == Output.EMBED)) {
            throw new IllegalArgumentException("views: only the page and the feeds are walked together, not " + outputs);
        }
        Request request = first.as(outputs.get(0));
        boolean events = request.output().events();
        Paging.Ref from = null;
        while (true) {
            Document page = null;
            if (events) {
                page = events(config, request, from);
                sink.accept(page);
            } else {
                ItemRead read = read(config, request);
                for (Output output : outputs) {
                    page = items(config, request.as(output), read, from);
                    sink.accept(page);
                }
            }
            Paging.Ref next = page.paging().next();
            if (next == null || request.output() == Output.CALENDAR || request.output() == Output.EMBED) return;
            from = page.paging().self();
            request = request.from(next, forward(request.output()));
        }
    }

    /** "Next" runs to older items, but to later events. */
    private static ItemPages.Direction forward(Output output) {
        return output.events() ? ItemPages.Direction.NEWER : ItemPages.Direction.OLDER;
    }

    /** One page of items as read from the store, and the moment and hiding rule it was read under. */
    private record ItemRead(ItemPages.Page page, Instant now, Set<String> hiding) {}

    private ItemRead read(Config config, Request request) {
        Set<String> hiding = config.sourcesHidingPastEvents();
        Instant now = clock.instant();
        ItemQuery query = hiding.isEmpty() ? request.query() : request.query().hidingPastEvents(hiding, now);
        ItemPages.Page page;
        if (request.matchesNothing()) page = new ItemPages.Page(List.of(), false);
        else if (request.cursor() == null) page = pages.newest(query);
        else page = pages.from(query, request.cursor(), request.direction());
        return new ItemRead(page, now, hiding);
    }

    private Document items(Config config, Request request, Paging.Ref cameFrom) {
        return items(config, request, read(config, request), cameFrom);
    }

    private Document items(Config config, Request request, ItemRead read, Paging.Ref cameFrom) {
        ItemPages.Page page = read.page();
        Instant now = read.now();
        Set<String> hiding = read.hiding();
        Paging paging = request.output() == Output.EMBED ? Paging.SINGLE
                : paging(request, page, ItemPages.Page::first, ItemPages.Page::last, cameFrom);
        FeedView view = view(config, request, page.items()).withPaging(paging);
        Output output = request.output();
        String body = switch (output) {
            case PAGE -> publisher.html(view);
            case EMBED -> publisher.embed(view, request.theme());
            default -> publisher.feed(view, output.format());
        };
        String href = output == Output.PAGE || output == Output.EMBED ? view.htmlPageHref(paging.self())
                : view.pageHref(output.format(), paging.self());
        if (output == Output.EMBED) href = request.topic() == null ? "/embed" : "/topics/" + request.topic().id() + "/embed";
        return new Document(output, href, body, paging, archived(request, page, now), page.items().isEmpty(),
                hiding.isEmpty() ? null : events.nextStart(hiding, now));
    }

    private Document events(Config config, Request request, Paging.Ref cameFrom) {
        Instant now = clock.instant();
        Set<String> hiding = config.sourcesHidingPastEvents();
        ItemQuery query = hiding.isEmpty() ? request.query() : request.query().hidingPastEvents(hiding, now);
        boolean calendar = request.output() == Output.CALENDAR;
        ItemPages.Page page;
        if (request.matchesNothing()) page = new ItemPages.Page(List.of(), false);
        else if (calendar) page = new ItemPages.Page(events.upcoming(query, now.minus(CALENDAR_PAST), MAX_EVENTS), false);
        else page = events.page(query, now, request.cursor(), request.direction());
        Paging paging = calendar ? Paging.SINGLE : paging(request, page,
                p -> Events.cursor(p.items().get(0)), p -> Events.cursor(p.items().get(p.items().size() - 1)),
                cameFrom);
        FeedView view = view(config, request, page.items()).withPaging(paging);
        String body = calendar ? publisher.ics(view) : publisher.html(view);
        String href = calendar ? view.htmlPath() + ".ics" : view.htmlPageHref(paging.self());
        // The list moves on with the clock as well as with the store: good for site.cache_max_age at most.
        return new Document(request.output(), href, body, paging, false, page.items().isEmpty(),
                now.plus(config.site().cacheMaxAge()));
    }

    private FeedView view(Config config, Request request, List<StoredItem> items) {
        Topic topic = request.topic();
        String query = request.canonicalQuery();
        boolean events = request.output().events();
        // An empty view is never dated 1970. On the server it is dated when it was first rendered empty (so its bytes
        // stay the same while it stays empty, and an unchanged empty feed is not pinged to the hub); an export is
        // dated when the published content last changed (a fresh database: now), so every node writes the same files.
        Instant whenEmpty = request.emptySince() != null ? request.emptySince() : clock.instant();
        if (items.isEmpty() && request.staticFiles()) {
            Instant changed = store.version().changedAt();
            if (changed != null && changed.isAfter(Instant.EPOCH)) whenEmpty = changed;
        }
        FeedView view = topic == null
                ? FeedView.merged(config.site(), config.topics(), query, items, config.sourcesById(), whenEmpty)
                : FeedView.ofTopic(config.site(), topic, config.topics(), query, items, config.sourcesById(), whenEmpty);
        return events ? view.withHtmlPath(view.htmlPath().equals("/") ? "/events" : view.htmlPath() + "/events")
                : view;
    }

    /**
     * The links of a page. "next" always continues from the last item shown, so a reader that follows it from the
     * first page sees each item exactly once, however many arrive meanwhile. Items run newest first and "next" is
     * before= (older); events run soonest first and "next" is after= (later).
     */
    private static Paging paging(Request request, ItemPages.Page page,
                                 java.util.function.Function<ItemPages.Page, PageCursor> firstOf,
                                 java.util.function.Function<ItemPages.Page, PageCursor> lastOf, Paging.Ref cameFrom) {
        boolean events = request.output().events();
        java.util.function.Function<String, Paging.Ref> onward = events ? Paging.Ref::after : Paging.Ref::before;
        java.util.function.Function<String, Paging.Ref> back = events ? Paging.Ref::before : Paging.Ref::after;
        boolean empty = page.items().isEmpty();
        Paging.Ref next;
        Paging.Ref previous;
        Paging.Ref self;
        if (request.cursor() == null) {
            self = Paging.Ref.FIRST;
            next = page.more() && !empty ? onward.apply(lastOf.apply(page).encode()) : null;
            previous = null;
        } else if (request.direction() == forward(request.output())) {
            self = onward.apply(request.cursor().encode());
            next = page.more() && !empty ? onward.apply(lastOf.apply(page).encode()) : null;
            previous = empty ? Paging.Ref.FIRST : back.apply(firstOf.apply(page).encode());
        } else {
            self = back.apply(request.cursor().encode());
            previous = page.more() && !empty ? back.apply(firstOf.apply(page).encode()) : Paging.Ref.FIRST;
            next = empty ? null : onward.apply(lastOf.apply(page).encode());
        }
        if (request.staticFiles()) previous = cameFrom;
        return new Paging(self, next, previous, request.staticFiles());
    }

    /**
     * Whether new items can no longer enter the page: every page of older items, and a page of newer items that is
     * full with more above it. The newest page, and a page that reaches it, change with the next refresh, as does any
     * page from a cursor in the future.
     */
    private static boolean archived(Request request, ItemPages.Page page, Instant now) {
        if (request.cursor() == null) return false;
        // A cursor dated later than now is above where the next item will land: its page can still change.
        if (request.cursor().date().isAfter(now)) return false;
        return request.direction() == ItemPages.Direction.OLDER || page.more();
    }
}
