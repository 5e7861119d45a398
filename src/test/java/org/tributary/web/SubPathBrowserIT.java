package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.testing.Chromium;
import org.tributary.testing.LocalSite;

/**
 * A site.base_url with a path (http://127.0.0.1:PORT/news), in headless Chromium behind a real reverse proxy that
 * either strips the prefix or keeps it: the pages are styled, every link of ours stays under /news and answers,
 * the topic pages, /embed, /status.html and a host page's embed.js all work.
 */
class SubPathBrowserIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    @ParameterizedTest(name = "proxy strips the prefix: {0}")
    @ValueSource(booleans = {true, false})
    void everyPageLinkAndWidgetWorksUnderThePath(boolean strip) throws Exception {
        LocalSite site = new LocalSite();
        open.add(site);
        String base = site.url("/news");
        WebFixture server = new WebFixture(dataDir, null, InstantSource.system(), base);
        open.add(server);
        server.add("Always Be Listening", "News", T0, T0, "partnerships");
        server.add("Getting to the Heart of the Community", "Webinar", T0.minusSeconds(86_400), T0, "programming");
        site.proxy("/news", "http://127.0.0.1:" + server.port, strip);
        site.page("/library.html", """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
                <body><h1>Our library</h1><div id="list" data-tributary data-limit="3"></div>
                <script src="%s/embed.js" async></script></body></html>
                """.formatted(base));

        Chromium chromium = Chromium.start(dataDir);
        open.add(chromium);
        Chromium.Page page = chromium.open(1280, 900, false);

        page.go(base + "/");
        assertStyled(page);
        assertThat(page.eval("document.querySelector('h1').textContent").asText()).isEqualTo("Most Recently Added");
        List<String> links = ourLinks(page, site.url(""));
        assertThat(links).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith(base + "/"));
        assertThat(links).contains(base + "/feed.atom", base + "/feed.json", base + "/topics/partnerships",
                base + "/assets/style.css", base + "/sources.opml");
        for (String link : links) assertThat(status(link)).as(link).isEqualTo(200);
        page.screenshot(Path.of("target", "screenshots", "subpath-" + (strip ? "strip" : "keep") + ".png"));

        page.go(base + "/topics/partnerships");
        assertStyled(page);
        assertThat(page.eval("document.querySelector('h1').textContent").asText())
                .isEqualTo("Partnerships & collaboration");
        assertThat(page.eval("document.querySelector('.site-name a').href").asText()).isEqualTo(base + "/");

        page.go(base + "/embed?limit=2");
        assertStyled(page);
        assertThat(page.eval("document.querySelectorAll('ol.items > li').length").asInt()).isEqualTo(2);
        assertThat(page.eval("document.querySelector('.more a').href").asText()).startsWith(base + "/");

        page.go(base + "/status.html");
        assertStyled(page);
        for (String link : ourLinks(page, site.url(""))) {
            assertThat(link).startsWith(base + "/");
            assertThat(status(link)).as(link).isEqualTo(200);
        }

        page.go(site.url("/library.html"));
        page.until("document.querySelector('#list').hasAttribute('data-tributary-loaded')");
        assertThat(page.eval("document.querySelector('#list').getAttribute('data-tributary-loaded')").asText())
                .isEqualTo("2");
        assertThat(page.eval("[...document.querySelectorAll('#list .tributary-title')].map(e => e.textContent)")
                .toString()).isEqualTo("[\"Always Be Listening\",\"Getting to the Heart of the Community\"]");
    }

    /** Our stylesheet applied: /assets/style.css was found under the path. */
    private static void assertStyled(Chromium.Page page) throws Exception {
        assertThat(page.eval("getComputedStyle(document.documentElement).getPropertyValue('--link').trim()")
                .asText()).as("the stylesheet's colours at %s", page.eval("location.href").asText())
                .isNotEmpty();
    }

    /** Every link and stylesheet of the page on the given origin, absolute. */
    private static List<String> ourLinks(Chromium.Page page, String origin) throws Exception {
        JsonNode all = page.eval("[...document.querySelectorAll('a[href], link[href], img[src]')]"
                + ".map(e => (e.href || e.src).split('#')[0])");
        List<String> ours = new ArrayList<>();
        all.forEach(n -> {
            if (n.asText().startsWith(origin + "/") && !ours.contains(n.asText())) ours.add(n.asText());
        });
        return ours;
    }

    private static int status(String url) throws Exception {
        return WebFixture.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
