package org.tributary.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.tributary.config.LiveConfig;
import org.tributary.config.Site;
import org.tributary.publish.SitePaths;
import org.tributary.publish.Messages;

/**
 * /status.html: the rows of /status as a table for people. Built with jsoup's DOM like the published pages:
 * {@code text()} escapes by construction, and error messages (which quote what a remote server said) are text.
 * No script, no inline style: the same Content-Security-Policy as every HTML page applies.
 */
final class StatusPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusPage() {}

    static String write(Site site, List<SourceStatus.Row> rows, LiveConfig live) {
        return write(site, Messages.forLanguage(site.language()), rows, live, null);
    }

    /**
     * The page in the words of {@code words} (site.language); what sources and servers said stays as it was.
     * @param storeFailure the failure of the store going on, or null
     */
    static String write(Site site, Messages words, List<SourceStatus.Row> rows, LiveConfig live,
                        org.tributary.store.StoreFailures.Failure storeFailure) {
        String siteTitle = site.title();
        Document doc = Document.createShell("");
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true);
        doc.prependChild(new DocumentType("html", "", ""));
        doc.child(0).attr("lang", words.lang());
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("title").text(words.format("status.title", siteTitle));
        doc.head().appendElement("link").attr("rel", "stylesheet").attr("href", "/assets/style.css");
        org.tributary.publish.SiteIcon.link(doc.head(), site);
        doc.body().addClass("status");
        doc.body().appendElement("header").addClass("site").appendElement("p").addClass("site-name")
                .appendElement("a").attr("href", "/").text(siteTitle);
        Element main = doc.body().appendElement("main").attr("id", "main").addClass("status");
        main.appendElement("h1").text(words.format("status.title", siteTitle));
        if (storeFailure != null) {
            Element box = main.appendElement("section").addClass("store-failing").attr("role", "alert");
            box.appendElement("h2").text(words.format("status.store.failing", time(storeFailure.since()),
                    storeReason(words, storeFailure.reason())));
            box.appendElement("p").text(words.get("status.store.explain"));
        }
        if (live != null) config(main, live, words);
        long failing = rows.stream().filter(r -> !r.healthy()).count();
        int held = rows.stream().mapToInt(SourceStatus.Row::heldItems).sum();
        main.appendElement("p").addClass("summary")
                .text(words.format("status.summary", rows.size(), failing)
                        + (held == 0 ? "" : words.count("status.held", held)) + ". " + words.get("status.machine") + " ")
                .appendElement("a").attr("href", "/status").text("/status");
        // A wide table scrolls inside its own region on a phone instead of widening the page; the region can take
        // focus so a keyboard can scroll it too.
        table(main.appendElement("div").addClass("table-scroll").attr("role", "region").attr("tabindex", "0")
                .attr("aria-label", words.get("status.column.source")).appendElement("table"), rows, words);
        SitePaths.rebase(doc, site);
        return doc.outerHtml();
    }

    private static void config(Element main, LiveConfig live, Messages words) {
        Element p = main.appendElement("p").addClass("config");
        p.text(words.format("status.config_loaded", time(live.loaded().at())));
        live.refusal().ifPresent(refusal -> {
            Element box = main.appendElement("section").addClass("refused").attr("role", "alert");
            box.appendElement("h2").text(words.format("status.refused", time(refusal.at())));
            // The errors themselves are in the log only: this page is public, and they quote the file.
            box.appendElement("p").text(words.count("status.refused.errors", refusal.errors().size(), refusal.at()));
        });
    }

    private static void table(Element table, List<SourceStatus.Row> rows, Messages words) {
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : List.of("source", "state", "last_success", "last_error", "failures", "next_fetch", "items",
                "held", "unmapped")) {
            head.appendElement("th").attr("scope", "col").text(words.get("status.column." + h));
        }
        Element body = table.appendElement("tbody");
        for (SourceStatus.Row r : rows) {
            Element tr = body.appendElement("tr").addClass("state-" + r.state().replaceAll("[^a-z-]", ""));
            Element name = tr.appendElement("th").attr("scope", "row");
            name.appendElement("a").attr("href", safeUrl(r.url())).text(r.title());
            name.appendElement("br");
            name.appendElement("code").text(r.id());
            tr.appendElement("td").text(state(words, r.state()));
            tr.appendElement("td").addClass("time").text(time(r.lastSuccessAt()));
            tr.appendElement("td").text(r.lastError() == null ? "" : r.lastError());
            tr.appendElement("td").text(Integer.toString(r.consecutiveFailures()));
            tr.appendElement("td").addClass("time").text(time(r.nextFetchAt()));
            tr.appendElement("td").text(Long.toString(r.items()));
            tr.appendElement("td").text(Integer.toString(r.heldItems()));
            tr.appendElement("td").text(String.join(", ", r.unmappedCategories()));
        }
    }

    /** The state in the page's words; a state no bundle names yet is shown as /status writes it. */
    private static String state(Messages words, String state) {
        String key = "status.state." + state;
        return words.keys().contains(key) ? words.get(key) : state;
    }

    /**
     * The kind of store failure in the page's words, keyed by what precedes its colon ("disk full: ..." is
     * {@code status.store.reason.disk-full}); a kind no bundle names yet is shown as /status writes it.
     */
    private static String storeReason(Messages words, String reason) {
        String kind = reason.split(":", 2)[0].strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-");
        String key = "status.store.reason." + kind;
        return words.keys().contains(key) ? words.get(key) : reason;
    }

    /** Source URLs are http(s) by validation; anything else would not be linked. */
    private static String safeUrl(String url) {
        return url.startsWith("http://") || url.startsWith("https://") ? url : "#";
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
