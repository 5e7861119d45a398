package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Chromium;
import org.tributary.testing.LocalSite;
import org.tributary.testing.PartnerServer;

/**
 * {@code export} with a site.base_url that has a path, the files put under that path of a static web server (as a
 * library's web team would copy them into /news): in headless Chromium the pages are styled, every link of ours
 * stays under /news and is a file that exists, paging and topic links work, and embed.js on another page fetches
 * the exported feed.json from beside itself.
 */
class SubPathExportIT {


    @TempDir
    Path dir;

    @Test
    void theExportedSiteWorksUnderThePathOfAStaticServer() throws Exception {
        try (PartnerServer partners = new PartnerServer(); LocalSite site = new LocalSite()) {
            String base = site.url("/news");
            Path config = dir.resolve("feeds.yml");
            Path data = dir.resolve("data");
            Path out = dir.resolve("site");
            Files.writeString(config, partners.feedsYml(base, "30m").replace("items: 50", "items: 3"));
            assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "refresh", "--export",
                    out.toString()).exit()).isZero();
            assertThat(Files.readString(out.resolve("feed.atom"))).as("the feeds name the exported icon")
                    .contains("<icon>" + base + "/assets/icon.png</icon>");
            for (String icon : List.of("/favicon.ico", "/assets/icon.png", "/assets/icon.svg")) {
                assertThat(Files.size(out.resolve(icon.substring(1)))).as(icon).isPositive();
            }
            site.files("/news", out).page("/library.html", """
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
                    <body><div id="list" data-tributary data-limit="4"></div>
                    <script src="%s/embed.js" async></script></body></html>
                    """.formatted(base));

            try (Chromium chromium = Chromium.start(dir)) {
                Chromium.Page page = chromium.open(1280, 900, false);
                List<String> visited = new ArrayList<>();
                for (String start : List.of(base + "/", base + "/topics/partnerships/", base + "/embed.html")) {
                    page.go(start);
                    assertThat(page.eval("getComputedStyle(document.documentElement).getPropertyValue('--link')")
                            .asText()).as("styled: " + start).isNotBlank();
                    for (String link : links(page, site.url(""))) {
                        assertThat(link).as("on " + start).startsWith(base + "/");
                        assertThat(status(link)).as(link + " on " + start).isEqualTo(200);
                        visited.add(link);
                    }
                }
                assertThat(visited).as("the pages' icons, under the path").contains(base + "/assets/icon.svg",
                        base + "/assets/icon.png");
                assertThat(visited).anyMatch(l -> l.matches(".*/news/page-before-[^/]+\\.html"))
                        .anyMatch(l -> l.endsWith("/news/topics/programming"))
                        .anyMatch(l -> l.endsWith("/news/feed.json"));
                page.screenshot(Path.of("target", "screenshots", "export-subpath.png"));

                page.go(site.url("/library.html"));
                page.until("document.querySelector('#list').hasAttribute('data-tributary-loaded')");
                assertThat(page.eval("document.querySelector('#list').getAttribute('data-tributary-loaded')")
                        .asText()).as("a static feed.json ignores limit: all of the first page").isEqualTo("3");
            }
        }
    }

    private static List<String> links(Chromium.Page page, String origin) throws Exception {
        JsonNode all = page.eval("[...document.querySelectorAll('a[href], link[href], img[src]')]"
                + ".map(e => (e.href || e.src).split('#')[0])");
        List<String> ours = new ArrayList<>();
        all.forEach(n -> {
            if (n.asText().startsWith(origin + "/") && !ours.contains(n.asText())) ours.add(n.asText());
        });
        return ours;
    }

    private static int status(String url) throws Exception {
        HttpClient follow = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return follow.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
