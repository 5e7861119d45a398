package org.tributary.publish;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tributary.config.Site;
import org.tributary.config.Source;
import org.tributary.config.Topic;
import org.tributary.store.StoredItem;

/**
 * Everything one published document needs, already selected by the caller: publishing decides nothing about
 * which items appear, only how they look.
 *
 * @param title       the feed's title (the site's, or "topic — site" for a topic view)
 * @param topic       the topic this view is about, null for the merged feed
 * @param topics      every topic, for the HTML navigation
 * @param feedPath    the feed's path without extension: "/feed" or "/topics/{id}/feed"
 * @param query       the feed's query string without "?", already URL-encoded, "" when none; it is part of the
 *                    self link and the feed id, because a filtered feed is a different feed
 * @param htmlPath    the page this view is shown on: "/" or "/topics/{id}"
 * @param items       newest first, as the store returned them
 * @param sources     by source id; an item whose source is gone from the config is still published
 * @param updated     when the content last changed; see {@link #latestChange(List)}
 * @param paging      where this page sits among the view's pages; {@link Paging#SINGLE} when not paged
 */
public record FeedView(
        Site site,
        String title,
        String description,
        Topic topic,
        List<Topic> topics,
        String feedPath,
        String query,
        String htmlPath,
        List<StoredItem> items,
        Map<String, Source> sources,
        Instant updated,
        Paging paging) {

    public FeedView {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        topics = List.copyOf(topics);
        query = query == null ? "" : query;
        if (query.startsWith("?")) throw new IllegalArgumentException("query must not start with '?': " + query);
        requirePath("feedPath", feedPath);
        requirePath("htmlPath", htmlPath);
        items = List.copyOf(items);
        sources = Map.copyOf(sources);
        Objects.requireNonNull(updated, "updated");
        paging = paging == null ? Paging.SINGLE : paging;
        // Fail here, where the caller can see why, rather than deep inside a writer.
        URI.create(site.url(feedPath + ".atom" + (query.isEmpty() ? "" : "?" + query)));
        URI.create(site.url(htmlPath));
    }

    /** A view that is not paged (the signature before paging existed). */
    public FeedView(Site site, String title, String description, Topic topic, List<Topic> topics, String feedPath,
                    String query, String htmlPath, List<StoredItem> items, Map<String, Source> sources,
                    Instant updated) {
        this(site, title, description, topic, topics, feedPath, query, htmlPath, items, sources, updated,
                Paging.SINGLE);
    }

    /** The same view as one page of a paged feed. */
    public FeedView withPaging(Paging newPaging) {
        return new FeedView(site, title, description, topic, topics, feedPath, query, htmlPath, items, sources,
                updated, newPaging);
    }

    /** The same view shown at another page (the events page of a view lists its events at "{htmlPath}/events"). */
    public FeedView withHtmlPath(String newHtmlPath) {
        return new FeedView(site, title, description, topic, topics, feedPath, query, newHtmlPath, items, sources,
                updated, paging);
    }

    /**
     * The merged "Most Recently Added" view at / and /feed.{atom,rss,json}. {@code whenEmpty} is the document's
     * updated date when it has no items: when the published content last changed, else when it is rendered; never
     * the epoch (a 1970 date is the W3C validator's ImplausibleDate, and a reader's "updated 56 years ago").
     */
    public static FeedView merged(Site site, List<Topic> topics, String query, List<StoredItem> items,
                                  Map<String, Source> sources, Instant whenEmpty) {
        return new FeedView(site, site.title(), site.description(), null, topics, "/feed", query, "/",
                items, sources, updated(items, whenEmpty));
    }

    /** One topic's view at /topics/{id} and /topics/{id}/feed.{atom,rss,json}; {@code whenEmpty} as for merged. */
    public static FeedView ofTopic(Site site, Topic topic, List<Topic> topics, String query, List<StoredItem> items,
                                   Map<String, Source> sources, Instant whenEmpty) {
        String base = "/topics/" + topic.id();
        return new FeedView(site, topic.title() + " — " + site.title(), topic.description(), topic, topics,
                base + "/feed", query, base, items, sources, updated(items, whenEmpty));
    }

    private static Instant updated(List<StoredItem> items, Instant whenEmpty) {
        Objects.requireNonNull(whenEmpty, "whenEmpty");
        if (!whenEmpty.isAfter(Instant.EPOCH)) {
            throw new IllegalArgumentException("whenEmpty must be a real time, not " + whenEmpty);
        }
        return latestChange(items).orElse(whenEmpty.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The last time any of these items appeared or changed, to the second (what Last-Modified can carry).
     * An item edited in place counts, so this is the newest of display dates and change times, not only the
     * newest display date. Empty when there are no items: the caller then names when the content last
     * changed (or, failing that, when it renders the document, which its cache keeps while the bytes stay the
     * same). Removing an item (hide) does not move it; ETags must come from the bytes.
     */
    public static Optional<Instant> latestChange(List<StoredItem> items) {
        return items.stream()
                .map(i -> i.changedAt().isAfter(i.date()) ? i.changedAt() : i.date())
                .max(Instant::compareTo)
                .map(i -> i.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The absolute URL of this view's first page in one format, query included: the feed's identity, which every
     * page of it shares.
     */
    public String feedUrl(FeedFormat format) {
        return site.url(feedHref(format));
    }

    /** The site-relative path of this view's first page in one format, query included, for our own pages' links. */
    public String feedHref(FeedFormat format) {
        return pageHref(format, Paging.Ref.FIRST);
    }

    /** The absolute URL of this very page in one format: the self link. */
    public String selfUrl(FeedFormat format) {
        return site.url(pageHref(format, paging.self()));
    }

    /** The absolute URL of a page of this view in one format. */
    public String pageUrl(FeedFormat format, Paging.Ref page) {
        return site.url(pageHref(format, page));
    }

    /** The site-relative path of a page of this view in one format. */
    public String pageHref(FeedFormat format, Paging.Ref page) {
        String ext = "." + format.extension();
        if (page.isFirst()) return feedPath + ext + (query.isEmpty() ? "" : "?" + query);
        if (paging.staticFiles()) return feedPath + "-" + page.param() + "-" + page.cursor() + ext;
        return feedPath + ext + "?" + withPage(page);
    }

    /** The site-relative path of a page of this view as HTML. */
    public String htmlPageHref(Paging.Ref page) {
        if (page.isFirst()) return htmlPath + (query.isEmpty() ? "" : "?" + query);
        if (paging.staticFiles()) {
            return (htmlPath.endsWith("/") ? htmlPath : htmlPath + "/") + "page-" + page.param() + "-" + page.cursor()
                    + ".html";
        }
        return htmlPath + "?" + withPage(page);
    }

    private String withPage(Paging.Ref page) {
        return (query.isEmpty() ? "" : query + "&") + page.param() + "=" + page.cursor();
    }

    /**
     * Whether this view is shown as an events page ("/events", "/topics/{id}/events"): its pages run soonest first,
     * so its paging links speak of later and sooner events rather than older and newer items.
     */
    public boolean eventsPage() {
        return htmlPath.equals("/events") || htmlPath.matches("/topics/[^/]+/events");
    }

    /**
     * The human page this feed belongs to: the configured site link for the merged feed (that is where the
     * list is embedded), our own topic page for a topic.
     */
    public String homeUrl() {
        return topic == null ? site.link().toString() : site.url(htmlPath);
    }

    private static void requirePath(String name, String path) {
        Objects.requireNonNull(path, name);
        if (!path.startsWith("/")) throw new IllegalArgumentException(name + " must start with '/': " + path);
    }
}
