package org.tributary.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * The list alone, for another library's site to show in an iframe: per item its type and date, linked title, its
 * picture ({@link ItemFigure}) and source, then a link to the full page. Built with jsoup's DOM like {@link HtmlPage},
 * so feed text is escaped by construction; no inline style, and one script of our own (allowed by its hash, never
 * 'unsafe-inline') that tells the framing page how tall the list is. Every link opens a new tab: a page inside
 * someone else's site should not navigate within its frame (and a base element would need base-uri, which the
 * policy forbids).
 */
final class EmbedPage {

    /**
     * Posts {@code {source: "tributary", type: "tributary:height", height: N}} to the framing page on load and whenever
     * the list's height changes, so a three-line listener on the host can fit the iframe to it. The height is the
     * root element's box, not scrollHeight, which never drops below the frame's own height and so never shrinks.
     */
    static final String HEIGHT_SCRIPT = """

            (function () {
              "use strict";
              if (window.parent === window) return;
              function tell() {
                var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
                window.parent.postMessage({source: "tributary", type: "tributary:height", height: height}, "*");
              }
              if (window.ResizeObserver) new ResizeObserver(tell).observe(document.documentElement);
              window.addEventListener("load", tell);
            })();
            """;

    /** The Content-Security-Policy source that allows {@link #HEIGHT_SCRIPT} and no other script. */
    static final String SCRIPT_SOURCE = "'sha256-" + sha256(HEIGHT_SCRIPT) + "'";

    EmbedPage() {
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("publish: no SHA-256 in this JVM", e);
        }
    }

    String write(FeedView view) {
        return write(view, EmbedTheme.AUTO);
    }

    /** @param theme AUTO follows the visitor's colour scheme; LIGHT or DARK holds to one ({@code data-theme}) */
    String write(FeedView view, EmbedTheme theme) {
        Document doc = Document.createShell(view.site().url("/"));
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true);
        doc.prependChild(new DocumentType("html", "", ""));
        Messages words = Messages.forLanguage(view.site().language());
        doc.child(0).attr("lang", words.lang());
        if (theme != EmbedTheme.AUTO) doc.child(0).attr("data-theme", theme.id());
        Element head = doc.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        // Before the style sheet arrives, the frame is already painted in the theme's colours.
        head.appendElement("meta").attr("name", "color-scheme")
                .attr("content", theme == EmbedTheme.AUTO ? "light dark" : theme.id());
        head.appendElement("title").text(Texts.line(view.title()));
        head.appendElement("link").attr("rel", "stylesheet").attr("href", HtmlPage.STYLESHEET);
        SiteIcon.link(head, view.site());

        Element main = doc.body().addClass("embed").appendElement("main");
        main.appendElement("h1").addClass("embed-title").text(Texts.line(view.topic() == null
                ? view.site().title() : view.topic().title()));
        if (view.items().isEmpty()) {
            main.appendElement("p").addClass("empty").text(words.get("page.empty"));
        } else {
            Element list = main.appendElement("ol").addClass("items");
            for (var stored : view.items()) item(list.appendElement("li").appendElement("article"),
                    PublishedItem.of(stored, view.sources(), view.site()), words, DayTime.of(view.site()));
        }
        main.appendElement("p").addClass("more").appendElement("a").attr("target", "_blank").attr("rel", "noopener")
                .attr("href", view.site().url(view.htmlPageHref(Paging.Ref.FIRST))).text(words.format("embed.more", Texts.line(view.title())));
        doc.body().appendElement("script").appendChild(new DataNode(HEIGHT_SCRIPT));
        SitePaths.rebase(doc, view.site());
        return doc.outerHtml();
    }

    private static void item(Element article, PublishedItem item, Messages words, DayTime days) {
        // First, so that the stylesheet can float it beside the lines rather than under them: a picture under every
        // title would make five items taller than the documented static iframe height.
        ItemFigure.thumbnail(article, item);
        Element meta = article.appendElement("p").addClass("meta");
        meta.appendElement("span").addClass("type").text(item.type());
        meta.appendText(" / ");
        meta.appendElement("time").attr("datetime", item.published().toString()).text(days.date(item.published()));
        EventLine.append(article, item, days);
        Element heading = article.appendElement("h2");
        if (item.link() != null) {
            heading.appendElement("a").attr("href", item.link()).attr("target", "_blank").attr("rel", "noopener")
                    .text(item.title());
        } else {
            heading.text(item.title());
        }
        article.appendElement("p").addClass("source").text(item.source().title());
        ItemFigure.credit(article, item);
        ItemFigure.language(article, item, words.lang(),
                article.select("> p.meta, > p.event, > p.source").toArray(Element[]::new));
    }
}
