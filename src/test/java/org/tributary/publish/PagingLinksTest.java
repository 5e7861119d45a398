package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** RFC 5005 links in every format, addressed as queries on the server and as file names in an export. */
class PagingLinksTest {

    private static final Paging MIDDLE = new Paging(Paging.Ref.before("C2"), Paging.Ref.before("C3"),
            Paging.Ref.after("C1"), false);

    private final Publisher publisher = new Publisher();

    private static Map<String, String> atomLinks(String xml) throws Exception {
        var doc = Xml.parse(xml);
        return Xml.children(doc.getDocumentElement(), Xml.ATOM, "link").stream()
                .collect(Collectors.toMap(e -> e.getAttribute("rel"), e -> e.getAttribute("href")));
    }

    @Test
    void atomPageHasSelfFirstPreviousNextAndKeepsTheFeedsIdentity() throws Exception {
        String xml = publisher.atom(Fixtures.merged().withPaging(MIDDLE));
        Map<String, String> links = atomLinks(xml);
        assertThat(links).containsEntry("self", "http://localhost:8080/feed.atom?before=C2")
                .containsEntry("first", "http://localhost:8080/feed.atom")
                .containsEntry("previous", "http://localhost:8080/feed.atom?after=C1")
                .containsEntry("next", "http://localhost:8080/feed.atom?before=C3")
                .containsEntry("hub", "https://hub.example.org/");
        assertThat(Xml.children(Xml.parse(xml).getDocumentElement(), Xml.ATOM, "id").get(0).getTextContent())
                .isEqualTo("http://localhost:8080/feed.atom");
    }

    @Test
    void rssPageCarriesTheSameLinksAsAtomLinks() throws Exception {
        var doc = Xml.parse(publisher.rss(Fixtures.merged().withPaging(MIDDLE)));
        Map<String, String> links = Xml.all(doc, Xml.ATOM, "link").stream()
                .collect(Collectors.toMap(e -> e.getAttribute("rel"), e -> e.getAttribute("href")));
        assertThat(links).containsEntry("self", "http://localhost:8080/feed.rss?before=C2")
                .containsEntry("next", "http://localhost:8080/feed.rss?before=C3")
                .containsEntry("previous", "http://localhost:8080/feed.rss?after=C1")
                .containsEntry("first", "http://localhost:8080/feed.rss");
    }

    @Test
    void jsonFeedHasNextUrlAndTheRestInItsExtension() throws Exception {
        JsonNode feed = new ObjectMapper().readTree(publisher.jsonFeed(Fixtures.merged().withPaging(MIDDLE)));
        assertThat(feed.get("next_url").asText()).isEqualTo("http://localhost:8080/feed.json?before=C3");
        assertThat(feed.get("feed_url").asText()).isEqualTo("http://localhost:8080/feed.json");
        assertThat(feed.at("/_tributary/previous_url").asText()).isEqualTo("http://localhost:8080/feed.json?after=C1");
        assertThat(feed.at("/_tributary/self_url").asText()).isEqualTo("http://localhost:8080/feed.json?before=C2");
    }

    @Test
    void aSinglePageFeedHasNoPageLinks() throws Exception {
        assertThat(atomLinks(publisher.atom(Fixtures.merged()))).containsOnlyKeys("self", "hub", "alternate");
        assertThat(new ObjectMapper().readTree(publisher.jsonFeed(Fixtures.merged())).has("next_url")).isFalse();
    }

    @Test
    void filtersStayInEveryPageLink() throws Exception {
        FeedView view = new FeedView(Fixtures.SITE, "t", "", null, Fixtures.TOPICS, "/feed", "type=Webinar", "/",
                List.of(), Fixtures.SOURCES_BY_ID, java.time.Instant.EPOCH, MIDDLE);
        assertThat(atomLinks(publisher.atom(view))).containsEntry("next",
                "http://localhost:8080/feed.atom?type=Webinar&before=C3");
    }

    @Test
    void anExportAddressesPagesAsFilesAStaticServerCanServe() throws Exception {
        Paging files = new Paging(Paging.Ref.before("C2"), Paging.Ref.before("C3"), Paging.Ref.FIRST, true);
        FeedView view = Fixtures.topic().withPaging(files);
        Map<String, String> links = atomLinks(publisher.atom(view));
        assertThat(links).containsEntry("self", "http://localhost:8080/topics/partnerships/feed-before-C2.atom")
                .containsEntry("next", "http://localhost:8080/topics/partnerships/feed-before-C3.atom")
                .containsEntry("previous", "http://localhost:8080/topics/partnerships/feed.atom");
        var html = Jsoup.parse(publisher.html(view));
        assertThat(html.select("nav.pages a[rel=next]").attr("href"))
                .isEqualTo("/topics/partnerships/page-before-C3.html");
        assertThat(html.select("link[rel=prev]").attr("href")).isEqualTo("/topics/partnerships");
    }

    @Test
    void theEmbedPageIsTheListAloneWithHostileTextInertAndLinksLeavingTheFrame() {
        var doc = Jsoup.parse(publisher.embed(Fixtures.merged()));
        // One script only, our own height message; the hostile title stayed text.
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("script[src]")).isEmpty();
        assertThat(doc.select("script").first().data()).isEqualTo(EmbedPage.HEIGHT_SCRIPT);
        assertThat(doc.select("h2").eachText()).contains(Fixtures.HOSTILE_TITLE);
        assertThat(doc.select("a[href]")).isNotEmpty();
        assertThat(doc.select("a[href]").eachAttr("target")).containsOnly("_blank");
        assertThat(doc.select("a[href]").eachAttr("href")).allSatisfy(h -> assertThat(h).startsWith("http"));
    }
}
