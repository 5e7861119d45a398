package org.tributary.publish;

import java.util.List;
import java.util.Objects;
import org.tributary.config.Site;
import org.tributary.config.Source;
import org.tributary.config.Topic;

/**
 * The publish stage's one entry point: a {@link FeedView} in, a document out, always as a String to be sent
 * as UTF-8. Pure: no I/O, no clock, no state between calls, safe to share between threads. Rome, Jackson and
 * jsoup types never appear in this API.
 */
public final class Publisher {

    private final AtomWriter atom = new AtomWriter();
    private final RssWriter rss = new RssWriter();
    private final JsonFeedWriter json = new JsonFeedWriter();
    private final HtmlPage html = new HtmlPage();
    private final OpmlWriter opml = new OpmlWriter();
    private final EmbedPage embed = new EmbedPage();
    private final IcsWriter ics = new IcsWriter();

    public Publisher() {
    }

    /** Atom 1.0, served as {@code application/atom+xml}. */
    public String atom(FeedView view) {
        return atom.write(Objects.requireNonNull(view, "view"));
    }

    /** RSS 2.0, served as {@code application/rss+xml}. */
    public String rss(FeedView view) {
        return rss.write(Objects.requireNonNull(view, "view"));
    }

    /** JSON Feed 1.1, served as {@code application/feed+json}. */
    public String jsonFeed(FeedView view) {
        return json.write(Objects.requireNonNull(view, "view"));
    }

    /** The view in the format a route asked for ({@link FeedFormat#mediaType()} is its Content-Type). */
    public String feed(FeedView view, FeedFormat format) {
        return switch (format) {
            case ATOM -> atom(view);
            case RSS -> rss(view);
            case JSON -> jsonFeed(view);
        };
    }

    /** The view's event items as iCalendar, served as {@code text/calendar} at /events.ics. */
    public String ics(FeedView view) {
        return ics.write(Objects.requireNonNull(view, "view"));
    }

    /** The HTML page of the view: "/" for the merged view, "/topics/{id}" for a topic. */
    public String html(FeedView view) {
        return html.write(Objects.requireNonNull(view, "view"));
    }

    /** The list alone for an iframe on another site (served at /embed with frame-ancestors open). */
    public String embed(FeedView view) {
        return embed(view, EmbedTheme.AUTO);
    }

    /** The same in a chosen theme: {@link EmbedTheme#AUTO} follows the visitor's colour scheme. */
    public String embed(FeedView view, EmbedTheme theme) {
        return embed.write(Objects.requireNonNull(view, "view"), Objects.requireNonNull(theme, "theme"));
    }

    /** Path the embed script is served from; the snippet in docs/http.md points there. */
    public String embedScriptPath() {
        return EmbedScript.PATH;
    }

    /**
     * The embed script, served as {@code text/javascript}: renders the JSON Feed into a host page, with the words
     * and date format of site.language, days in site.timezone.
     */
    public String embedScript(Site site) {
        Objects.requireNonNull(site, "site");
        return EmbedScript.js(Messages.forLanguage(site.language()), site.timezone());
    }

    /** Path the HTML pages link their stylesheet from; serve {@link #css()} there. */
    public String stylesheetPath() {
        return HtmlPage.STYLESHEET;
    }

    /** The stylesheet every page links, served as {@code text/css}. */
    public String css() {
        return Stylesheet.CSS;
    }

    /** Path of the embed widget's default style sheet ({@link #embedCss()}). */
    public String embedStylesheetPath() {
        return "/assets/embed.css";
    }

    /** A small default style for what embed.js renders, served as {@code text/css}. */
    public String embedCss() {
        return Stylesheet.EMBED_CSS;
    }

    /**
     * /robots.txt: crawlers may read the pages and feeds (they exist to be found) but not the admin API, and are
     * pointed at nothing else; served as {@code text/plain}.
     */
    public String robots(Site site) {
        return "User-agent: *\nDisallow: " + site.path("/admin/") + "\n";
    }

    /** OPML 2.0 of every source. */
    public String opml(Site site, List<Source> sources) {
        return opml.write(Objects.requireNonNull(site, "site"), List.copyOf(sources), null);
    }

    /** OPML 2.0 of the sources in one topic. */
    public String opml(Site site, List<Source> sources, Topic topic) {
        return opml.write(Objects.requireNonNull(site, "site"), List.copyOf(sources),
                Objects.requireNonNull(topic, "topic"));
    }
}
