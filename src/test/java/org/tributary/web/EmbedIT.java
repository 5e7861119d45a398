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
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("ol.items a[href]")).allSatisfy(a -> {
            assertThat(a.attr("target")).isEqualTo("_blank");
            assertThat(a.attr("rel")).contains("noopener");
        });
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors *").doesNotContain("script-src"));
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
