package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.web.WebFixture.local;
import static org.tributary.web.WebFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * RFC 5005 paging over HTTP: a reader that follows rel="next" from the feed walks back through everything stored
 * with no gaps and no repeats, even while new items arrive between its requests; archive pages cache for long.
 */
class PagingIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private WebFixture server;
    private final List<String> stored = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new WebFixture(dataDir, null);
        for (int i = 0; i < 23; i++) {
            // Pairs share a date, so the cursor's tie-breakers are exercised across page boundaries.
            stored.add(server.add("Item " + i, i % 3 == 0 ? "Webinar" : "News", T0.minusSeconds(3600L * (i / 2)),
                    T0.plusSeconds(i), i % 2 == 0 ? "partnerships" : "programming"));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SyndFeed atom(HttpResponse<byte[]> r) throws Exception {
        return new SyndFeedInput().build(new StringReader(text(r)));
    }

    private static String link(SyndFeed feed, String rel) {
        return feed.getLinks().stream().filter(l -> rel.equals(l.getRel())).map(SyndLink::getHref).findFirst()
                .orElse(null);
    }

    @Test
    void followingNextInAtomVisitsEveryItemOnceWhileItemsArrive() throws Exception {
        List<String> seen = new ArrayList<>();
        String path = "/feed.atom";
        int pages = 0;
        Instant later = T0.plusSeconds(100_000);
        while (path != null) {
            HttpResponse<byte[]> r = server.get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            SyndFeed feed = atom(r);
            for (SyndEntry e : feed.getEntries()) seen.add(e.getUri());
            assertThat(link(feed, "self")).isEqualTo("http://feeds.example.org" + path);
            assertThat(link(feed, "first")).isEqualTo("http://feeds.example.org/feed.atom");
            // New items on top between requests: the reader walking back must not see the history shift.
            server.add("New " + pages, "News", later, later, "partnerships");
            later = later.plusSeconds(60);
            String next = link(feed, "next");
            path = next == null ? null : local(next);
            pages++;
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(stored.stream().map(id -> "urn:tributary:" + id).toList());
        assertThat(pages).isGreaterThanOrEqualTo(5);
    }

    @Test
    void rssCarriesTheSamePageLinksAsAtomLinks() throws Exception {
        String rss = text(server.get("/feed.rss"));
        assertThat(rss).containsPattern("<atom:link[^>]+rel=\"next\"[^>]+href=\"http://feeds.example.org/feed.rss\\?before=[A-Za-z0-9_-]+\"|"
                + "<atom:link[^>]+href=\"http://feeds.example.org/feed.rss\\?before=[A-Za-z0-9_-]+\"[^>]+rel=\"next\"");
        SyndFeed head = new SyndFeedInput().build(new StringReader(rss));
        assertThat(head.getEntries()).hasSize(5);
    }

    @Test
    void jsonFeedWalksWithNextUrlAndFiltersStayOnEveryPage() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> seen = new ArrayList<>();
        String path = "/feed.json?topic=partnerships&limit=3";
        while (path != null) {
            JsonNode feed = json.readTree(server.get(path).body());
            feed.get("items").forEach(i -> seen.add(i.get("id").asText()));
            path = feed.has("next_url") ? local(feed.get("next_url").asText()) : null;
            if (path != null) assertThat(path).contains("topic=partnerships").contains("limit=3").contains("before=");
        }
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void previousLeadsBackToTheNewerPageAndFirstToTheHead() throws Exception {
        SyndFeed first = atom(server.get("/feed.atom"));
        SyndFeed second = atom(server.get(local(link(first, "next"))));
        SyndFeed third = atom(server.get(local(link(second, "next"))));
        SyndFeed backToSecond = atom(server.get(local(link(third, "previous"))));
        assertThat(backToSecond.getEntries().stream().map(SyndEntry::getUri).toList())
                .isEqualTo(second.getEntries().stream().map(SyndEntry::getUri).toList());
        assertThat(link(first, "previous")).isNull();
        assertThat(link(third, "first")).isEqualTo("http://feeds.example.org/feed.atom");
    }

    @Test
    void archivePagesCacheForADayAndTheHeadForFiveMinutes() throws Exception {
        HttpResponse<byte[]> head = server.get("/feed.atom");
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        String next = local(link(atom(head), "next"));
        HttpResponse<byte[]> archive = server.get(next);
        assertThat(archive.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        String etag = archive.headers().firstValue("ETag").orElseThrow();
        server.add("Newest", "News", T0.plusSeconds(999_999), T0.plusSeconds(999_999), "partnerships");
        // A new item changes the head but not the archive page: same bytes, same ETag, still a 304.
        assertThat(server.get(next, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(server.get("/feed.atom").headers().firstValue("ETag")).isNotEqualTo(head.headers().firstValue("ETag"));
    }

    @Test
    void htmlPagesLinkOlderAndNewerWithRelNextAndPrev() throws Exception {
        Document page = Jsoup.parse(text(server.get("/")));
        String older = page.select("nav.pages a[rel=next]").attr("href");
        assertThat(older).startsWith("/?before=");
        assertThat(page.select("head link[rel=next]").attr("href")).isEqualTo(older);
        Document second = Jsoup.parse(text(server.get(older)));
        assertThat(second.select("ol.items > li")).hasSize(5);
        assertThat(second.select("nav.pages a[rel=prev]").attr("href")).startsWith("/?after=");
        assertThat(second.select("nav.pages a").eachText()).contains("Newest");
    }

    @Test
    void aBadOrDoubledCursorIs400WithoutEchoingIt() throws Exception {
        for (String path : List.of("/feed.atom?before=%3Cscript%3E", "/feed.json?after=zzz",
                "/feed.atom?before=a&after=b", "/?before=x&before=y", "/embed?before=x")) {
            HttpResponse<byte[]> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(text(r)).doesNotContain("script").doesNotContain("zzz");
        }
    }
}
