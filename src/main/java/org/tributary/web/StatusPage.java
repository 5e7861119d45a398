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
        return write(site, rows, live, null);
    }

    /** @param storeFailure the failure of the store going on, or null */
    static String write(Site site, List<SourceStatus.Row> rows, LiveConfig live,
                        org.tributary.store.StoreFailures.Failure storeFailure) {
        String siteTitle = site.title();
        Document doc = Document.createShell("");
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true);
        doc.prependChild(new DocumentType("html", "", ""));
        doc.child(0).attr("lang", site.language());
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("title").text("Status: " + siteTitle);
        doc.head().appendElement("link").attr("rel", "stylesheet").attr("href", "/assets/style.css");
        doc.body().addClass("status");
        doc.body().appendElement("header").addClass("site").appendElement("p").addClass("site-name")
                .appendElement("a").attr("href", "/").text(siteTitle);
        Element main = doc.body().appendElement("main").attr("id", "main").addClass("status");
        main.appendElement("h1").text("Status: " + siteTitle);
        if (storeFailure != null) {
            Element box = main.appendElement("section").addClass("store-failing").attr("role", "alert");
            box.appendElement("h2").text("The store fails since " + time(storeFailure.since()) + ": "
                    + storeFailure.reason());
            box.appendElement("p").text(SourceStatus.storeMessage(storeFailure) + ".");
        }
        if (live != null) config(main, live);
        long failing = rows.stream().filter(r -> !r.healthy()).count();
        int held = rows.stream().mapToInt(SourceStatus.Row::heldItems).sum();
        main.appendElement("p").addClass("summary")
                .text(rows.size() + " sources, " + failing + " not ok"
                        + (held == 0 ? "" : ", " + held + (held == 1 ? " item waits" : " items wait")
                        + " for an editor's approval (GET /admin/pending)") + ". Machine-readable: ")
                .appendElement("a").attr("href", "/status").text("/status");
        // A wide table scrolls inside its own region on a phone instead of widening the page; the region can take
        // focus so a keyboard can scroll it too.
        table(main.appendElement("div").addClass("table-scroll").attr("role", "region").attr("tabindex", "0")
                .attr("aria-label", "Sources").appendElement("table"), rows);
        SitePaths.rebase(doc, site);
        return doc.outerHtml();
    }

    private static void config(Element main, LiveConfig live) {
        Element p = main.appendElement("p").addClass("config");
        p.text("Config loaded " + time(live.loaded().at()) + ".");
        live.refusal().ifPresent(refusal -> {
            Element box = main.appendElement("section").addClass("refused").attr("role", "alert");
            box.appendElement("h2").text("The last change to the config was refused (" + time(refusal.at())
                    + "); the previous config stays in force");
            // The errors themselves are in the log only: this page is public, and they quote the file.
            box.appendElement("p").text(SourceStatus.refusedMessage(refusal) + " (lines starting "
                    + "\"config: reload refused\").");
        });
    }

    private static void table(Element table, List<SourceStatus.Row> rows) {
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : List.of("Source", "State", "Last success", "Last error", "Failures", "Next fetch", "Items",
                "Held", "Categories no rule maps")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (SourceStatus.Row r : rows) {
            Element tr = body.appendElement("tr").addClass("state-" + r.state().replaceAll("[^a-z-]", ""));
            Element name = tr.appendElement("th").attr("scope", "row");
            name.appendElement("a").attr("href", safeUrl(r.url())).text(r.title());
            name.appendElement("br");
            name.appendElement("code").text(r.id());
            tr.appendElement("td").text(r.state());
            tr.appendElement("td").addClass("time").text(time(r.lastSuccessAt()));
            tr.appendElement("td").text(r.lastError() == null ? "" : r.lastError());
            tr.appendElement("td").text(Integer.toString(r.consecutiveFailures()));
            tr.appendElement("td").addClass("time").text(time(r.nextFetchAt()));
            tr.appendElement("td").text(Long.toString(r.items()));
            tr.appendElement("td").text(Integer.toString(r.heldItems()));
            tr.appendElement("td").text(String.join(", ", r.unmappedCategories()));
        }
    }

    /** Source URLs are http(s) by validation; anything else would not be linked. */
    private static String safeUrl(String url) {
        return url.startsWith("http://") || url.startsWith("https://") ? url : "#";
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
