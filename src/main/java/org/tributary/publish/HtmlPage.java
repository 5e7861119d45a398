package org.tributary.publish;

import java.nio.charset.StandardCharsets;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.tributary.config.Topic;

/**
 * The "Most Recently Added" page, and a topic's page, in the manner of the page we imitate: per item a linked
 * title, "Publish Date: News / 27 June 2019", the excerpt and the source.
 *
 * <p>Built with jsoup's DOM and never by joining strings: {@code text()} and {@code attr()} escape by
 * construction, so a hostile feed cannot add markup. Feed HTML (summary, content) is never put in the page;
 * the excerpt is plain text. No scripts and no inline styles, so the Content-Security-Policy can forbid both.
 */
final class HtmlPage {

    static final String STYLESHEET = "/assets/style.css";

    HtmlPage() {
    }

    String write(FeedView view) {
        Document doc = Document.createShell(view.site().url("/"));
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true);
        doc.prependChild(new DocumentType("html", "", ""));
        doc.child(0).attr("lang", words(view).lang());
        head(doc.head(), view);
        Element body = doc.body();
        header(body.appendElement("header").addClass("site"), view);
        main(body.appendElement("main").attr("id", "main"), view);
        footer(body.appendElement("footer").addClass("site"), view);
        SitePaths.rebase(doc, view.site());
        return doc.outerHtml();
    }

    private static void head(Element head, FeedView view) {
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        head.appendElement("title").text(Texts.line(view.title()));
        String description = Texts.line(view.description());
        if (!description.isEmpty()) head.appendElement("meta").attr("name", "description").attr("content", description);
        head.appendElement("link").attr("rel", "stylesheet").attr("href", STYLESHEET);
        SiteIcon.link(head, view.site());
        for (FeedFormat format : FeedFormat.values()) {
            head.appendElement("link").attr("rel", "alternate").attr("type", format.mediaType())
                    .attr("title", Texts.line(view.title()) + " (" + format.label() + ")")
                    .attr("href", view.feedHref(format));
        }
        Paging paging = view.paging();
        if (paging.previous() != null) head.appendElement("link").attr("rel", "prev").attr("href", view.htmlPageHref(paging.previous()));
        if (paging.next() != null) head.appendElement("link").attr("rel", "next").attr("href", view.htmlPageHref(paging.next()));
    }

    private static void header(Element header, FeedView view) {
        header.appendElement("a").addClass("skip").attr("href", "#main").text(words(view).get("page.skip"));
        header.appendElement("p").addClass("site-name")
                .appendElement("a").attr("href", "/").text(Texts.line(view.site().title()));
        if (view.topics().isEmpty()) return;
        Element list = header.appendElement("nav").attr("aria-label", words(view).get("page.topics")).appendElement("ul");
        for (Topic topic : view.topics()) {
            Element a = list.appendElement("li").appendElement("a")
                    .attr("href", "/topics/" + topic.id()).text(Texts.line(topic.title()));
            if (view.topic() != null && view.topic().id().equals(topic.id())) a.attr("aria-current", "page");
        }
    }

    private static void main(Element main, FeedView view) {
        String listHeading;
        int itemLevel;
        if (view.topic() != null) {
            topicIntro(main.appendElement("section").addClass("topic"), view.topic(), view.site());
            listHeading = "h2";
            itemLevel = 3;
        } else {
            listHeading = "h1";
            itemLevel = 2;
        }
        Element section = main.appendElement("section").addClass("recent").attr("aria-labelledby", "recent");
        // On a topic page the topic is the h1 and the list is titled like the site, as on the page we imitate; an
        // events list is titled as what it is.
        boolean events = view.eventsPage();
        section.appendElement(listHeading).attr("id", "recent")
                .text(events ? words(view).get("events.heading") : Texts.line(view.site().title()));
        String description = Texts.clean(view.description()).strip();
        if (view.topic() == null && !events && !description.isEmpty()) {
            section.appendElement("p").addClass("lead").text(description);
        }
        if (view.items().isEmpty()) {
            String empty = events ? "events.empty" : view.paging().self().isFirst() ? "page.empty" : "page.empty.later";
            section.appendElement("p").addClass("empty").text(words(view).get(empty));
            pages(section, view);
            return;
        }
        Element list = section.appendElement("ol").addClass("items");
        for (var stored : view.items()) {
            article(list.appendElement("li").appendElement("article"),
                    PublishedItem.of(stored, view.sources(), view.site()), itemLevel, words(view), DayTime.of(view.site()));
        }
        pages(section, view);
    }

    /**
     * Newer / older links, as plain links: paging needs no script. Events run soonest first, so on their pages "next"
     * is later events and "previous" sooner ones, and the first page holds the soonest.
     */
    private static void pages(Element section, FeedView view) {
        Paging paging = view.paging();
        if (!paging.paged()) return;
        boolean events = view.eventsPage();
        Messages words = words(view);
        Element nav = section.appendElement("nav").addClass("pages").attr("aria-label", words.get("page.pages"));
        if (!paging.self().isFirst()) {
            nav.appendElement("a").attr("href", view.htmlPageHref(Paging.Ref.FIRST))
                    .text(words.get(events ? "paging.events.soonest" : "page.newest"));
        }
        if (paging.previous() != null) {
            nav.appendElement("a").attr("rel", "prev").attr("href", view.htmlPageHref(paging.previous()))
                    .text(words.get(events ? "paging.events.sooner" : "page.newer"));
        }
        if (paging.next() != null) {
            nav.appendElement("a").attr("rel", "next").attr("href", view.htmlPageHref(paging.next()))
                    .text(words.get(events ? "paging.events.later" : "page.older"));
        }
    }

    private static void topicIntro(Element section, Topic topic, org.tributary.config.Site site) {
        section.appendElement("h1").text(Texts.line(topic.title()));
        String description = Texts.clean(topic.description()).strip();
        if (!description.isEmpty()) section.appendElement("p").addClass("lead").text(description);
        if (topic.image() == null) return;
        String src = ImageLinks.link(site, Texts.http(topic.image().url()));
        String credit = Texts.line(topic.image().credit());
        if (src == null && credit.isEmpty()) return;
        Element figure = section.appendElement("figure");
        // Decorative: the credit is the caption, and the heading already says what the topic is.
        if (src != null) figure.appendElement("img").attr("src", src).attr("alt", "");
        if (!credit.isEmpty()) figure.appendElement("figcaption").text(credit);
    }

    private static void article(Element article, PublishedItem item, int level, Messages words, DayTime days) {
        Element heading = article.appendElement("h" + level);
        if (item.link() != null) heading.appendElement("a").attr("href", item.link()).text(item.title());
        else heading.text(item.title());

        Element meta = article.appendElement("p").addClass("meta");
        meta.appendElement("span").addClass("label").text(words.get("item.published"));
        meta.appendText(" ");
        meta.appendElement("span").addClass("type").text(item.type());
        meta.appendText(" / ");
        meta.appendElement("time").attr("datetime", item.published().toString()).text(days.date(item.published()));
        EventLine.append(article, item, days);
        ItemFigure.append(article, item);

        if (!item.excerpt().isEmpty()) article.appendElement("p").addClass("excerpt").text(item.excerpt());

        Element source = article.appendElement("p").addClass("source");
        String[] from = words.around("item.from");
        source.appendText(from[0]);
        if (item.source().home() != null) source.appendElement("a").attr("href", item.source().home()).text(item.source().title());
        else source.appendText(item.source().title());
        if (!from[1].isEmpty()) source.appendText(from[1]);
        alsoFrom(source, item.alsoFrom(), words);
        ItemFigure.language(article, item, words.lang(),
                article.select("> p.meta, > p.event, > p.source").toArray(Element[]::new));
    }

    /** The same story from other partners: ", also from A, B". */
    private static void alsoFrom(Element line, java.util.List<PublishedItem.PublishedSource> others, Messages words) {
        if (others.isEmpty()) return;
        String[] also = words.around("item.also_from");
        line.appendText("; " + also[0]);
        for (int n = 0; n < others.size(); n++) {
            if (n > 0) line.appendText(", ");
            PublishedItem.PublishedSource other = others.get(n);
            if (other.home() != null) line.appendElement("a").addClass("also-from").attr("href", other.home()).text(other.title());
            else line.appendElement("span").addClass("also-from").text(other.title());
        }
        if (!also[1].isEmpty()) line.appendText(also[1]);
    }

    private static void footer(Element footer, FeedView view) {
        Element subscribe = footer.appendElement("p").addClass("subscribe");
        subscribe.appendText(words(view).get("footer.subscribe") + " ");
        for (FeedFormat format : FeedFormat.values()) {
            subscribe.appendElement("a").attr("href", view.feedHref(format)).text(format.label());
            subscribe.appendText(" · ");
        }
        if (view.topic() != null) {
            subscribe.appendElement("a").attr("href", "/topics/" + view.topic().id() + "/sources.opml")
                    .text(words(view).get("footer.topic_sources"));
            subscribe.appendText(" · ");
        }
        subscribe.appendElement("a").attr("href", "/sources.opml").text(words(view).get("footer.all_sources"));
        Element updated = footer.appendElement("p").addClass("updated");
        // An empty view has no meaningful date (its fallback is fixed, not "now"): say nothing rather than 1970.
        if (!view.items().isEmpty()) {
            String[] when = words(view).around("footer.updated");
            updated.appendText(when[0]);
            updated.appendElement("time").attr("datetime", view.updated().toString())
                    .text(DayTime.of(view.site()).date(view.updated()));
            if (!when[1].isEmpty()) updated.appendText(when[1]);
        }
        String home = Texts.http(view.site().link());
        if (home != null) {
            if (!view.items().isEmpty()) updated.appendText(" · ");
            updated.appendElement("a").attr("href", home).text(view.site().link().getHost());
        }
    }

    /** The page's words, in site.language ({@link Messages}); the html element's lang names their language. */
    private static Messages words(FeedView view) {
        return Messages.forLanguage(view.site().language());
    }
}
