package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.web.WebFixture.text;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /embed, /embed.js and the per-topic OPML over HTTP. */
class EmbedIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private WebFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebFixture(dataDir, null);
        for (int i = 0; i < 8; i++) {
            server.add("Item " + i, i % 2 == 0 ? "Webinar" : "News", T0.minusSeconds(3600L * i), T0,
                    i < 4 ? "partnerships" : "programming");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void embedShowsFiveNewestByDefaultAndMayBeFramedByAnySite() throws Exception {
        HttpResponse<byte[]> r = server.get("/embed");
        assertThat(r.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(text(r));
        assertThat(doc.select("ol.items > li")).hasSize(5);
        // One script: our own, inline, which tells the framing page its height.
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("script[src]")).isEmpty();
        assertThat(doc.select("script").first().data()).contains("tributary:height");
        assertThat(doc.select("ol.items a[href]")).allSatisfy(a -> {
            assertThat(a.attr("target")).isEqualTo("_blank");
            assertThat(a.attr("rel")).contains("noopener");
        });
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors *").containsPattern("script-src 'sha256-[A-Za-z0-9+/]{43}=';")
                        .doesNotContain("unsafe-inline"));
        // Only /embed may be framed.
        assertThat(server.get("/").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void embedFiltersByTopicTypeAndLimit() throws Exception {
        Document doc = Jsoup.parse(text(server.get("/embed?topic=partnerships&type=Webinar&limit=5")));
        assertThat(doc.select("ol.items h2").eachText()).containsExactly("Item 0", "Item 2");
        assertThat(doc.select("h1").text()).isEqualTo("Partnerships & collaboration");
        assertThat(doc.select("p.more a").attr("href")).startsWith("http://feeds.example.org/topics/partnerships");
        // "More" leads to the same list, filters and limit kept, and that page answers with the same items.
        String more = doc.select("p.more a").attr("href");
        assertThat(more).contains("type=Webinar").contains("limit=5");
        assertThat(Jsoup.parse(text(server.get(WebFixture.local(more)))).select("ol.items h3").eachText())
                .containsExactly("Item 0", "Item 2");
        assertThat(server.get("/embed?limit=0").statusCode()).isEqualTo(400);
        assertThat(server.get("/embed?topic=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void aThemeIsMatchedWithoutRegardToCaseAndIsOneCachedDocument() throws Exception {
        // A second server on the same store, counting its renders (cache misses).
        Metrics metrics = new Metrics("test");
        try (WebServer counted = new WebServer(WebServer.Parts.of(() -> server.config, server.store, server.database,
                new org.tributary.publish.Publisher(), new SourceStatus(() -> server.config, server.store,
                        id -> java.util.Optional.empty())).withMetrics(metrics))) {
            int port = counted.start("127.0.0.1", 0);
            java.util.function.Function<String, HttpResponse<byte[]>> get = path -> {
                try {
                    return WebFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            HttpResponse<byte[]> light = get.apply("/embed?topic=partnerships&theme=light");
            assertThat(light.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(text(light)).select("html").attr("data-theme")).isEqualTo("light");
            assertThat(renders(metrics)).isEqualTo(1);
            HttpResponse<byte[]> upper = get.apply("/embed?theme=LIGHT&topic=partnerships");
            assertThat(upper.body()).isEqualTo(light.body());
            assertThat(upper.headers().firstValue("ETag")).isEqualTo(light.headers().firstValue("ETag"));
            assertThat(renders(metrics)).as("theme=LIGHT is the document theme=light made").isEqualTo(1);

            HttpResponse<byte[]> dark = get.apply("/embed?topic=partnerships&theme=Dark");
            assertThat(Jsoup.parse(text(dark)).select("html").attr("data-theme")).isEqualTo("dark");
            assertThat(renders(metrics)).as("another theme is another document").isEqualTo(2);
            assertThat(dark.headers().firstValue("ETag")).isNotEqualTo(light.headers().firstValue("ETag"));
            // auto is what no theme means: one document.
            assertThat(get.apply("/embed?topic=partnerships&theme=AUTO").body())
                    .isEqualTo(get.apply("/embed?topic=partnerships").body());
            assertThat(renders(metrics)).isEqualTo(3);
            assertThat(Jsoup.parse(text(get.apply("/embed?theme=auto"))).select("html").hasAttr("data-theme")).isFalse();
        }
    }

    @Test
    void anUnknownThemeIsARefusalABrowserCanReadCrossOrigin() throws Exception {
        for (String query : new String[] {"theme=blue", "theme=", "theme=light&theme=dark"}) {
            HttpResponse<byte[]> r = server.get("/embed?topic=partnerships&" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(query).hasValue("*");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(text(r)).as(query).startsWith("theme: ").doesNotContain("blue");
        }
        assertThat(text(server.get("/embed?theme=blue"))).isEqualTo("theme: use light, dark or auto\n");
        // theme= belongs to /embed: the feeds do not take it.
        assertThat(server.get("/feed.json?theme=light").statusCode()).isEqualTo(400);
    }

    private static int renders(Metrics metrics) {
        var m = java.util.regex.Pattern.compile("(?m)^tributary_publish_renders_total ([0-9.]+)$")
                .matcher(metrics.scrape(java.util.List.of()));
        assertThat(m.find()).as("renders counted").isTrue();
        return (int) Double.parseDouble(m.group(1));
    }

    @Test
    void embedScriptIsServedCacheableCrossOriginAndNeverUsesInnerHtml() throws Exception {
        HttpResponse<byte[]> r = server.get("/embed.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("ETag")).isPresent();
        String js = text(r);
        assertThat(js).contains("textContent").doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
    }

    @Test
    void eachTopicHasItsOwnOpml() throws Exception {
        HttpResponse<byte[]> r = server.get("/topics/programming/sources.opml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).contains("<title>Library programming — sources</title>").contains("xmlUrl=");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(server.get("/topics/nope/sources.opml").statusCode()).isEqualTo(404);
    }
}
