package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.normalize.Item;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;
import org.tributary.testing.Items;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.StoredItems;

/** Routes, status codes and headers of the real server on loopback, over a real H2 store. */
class WebServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;
    private WebServer web;
    private int port;

    /** The config in force, as a reload would replace it. */
    private final java.util.concurrent.atomic.AtomicReference<Config> config =
            new java.util.concurrent.atomic.AtomicReference<>();
    private String yaml;

    @BeforeEach
    void start() throws Exception {
        try (PartnerServer partners = new PartnerServer()) {
            yaml = partners.feedsYml("http://localhost:8080", "30m");
        }
        config.set(new ConfigLoader().parse("feeds.yml", yaml));
        database = Database.h2(dataDir);
        store = new Store(database, true);
        save("programming-librarian", "1", "News one", "News", T0, "partnerships");
        save("consortium", "2", "Webinar two", "Webinar", T0.minusSeconds(86_400), "programming");
        web = new WebServer(config::get, store, database, new Publisher(),
                new SourceStatus(config::get, store, id -> Optional.empty()));
        port = web.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
        database.close();
    }

    private void save(String source, String id, String title, String type, Instant date, String topic) {
        Item item = Items.item(source, "guid:" + id).publicId("pid" + id).guid(id).link("https://example.org/" + id)
                .title(title).summaryHtml("<p>" + title + "</p>").excerpt(title).type(type).topics(topic)
                .published(date).contentHash("h" + title).build();
        StoredItems.saveFetched(store, source, "u", null, null, List.of(item), Set.of(), date.plusSeconds(60));
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/feed.atom", "/feed.rss", "/feed.json", "/topics/partnerships",
            "/topics/partnerships/feed.atom", "/topics/programming/feed.rss", "/sources.opml", "/status", "/health",
            "/assets/style.css", "/assets/embed.css", "/robots.txt"})
    void everyRouteAnswers200(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/feed.atom?limit=0", "/feed.atom?limit=501", "/feed.atom?limit=abc",
            "/feed.rss?type=Podcast", "/feed.json?topic=nope", "/feed.atom?kind=robot", "/feed.atom?source=nope",
            "/feed.atom?colour=red", "/?limit=-1"})
    void badQueryValuesGet400WithAPlainReason(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text(r)).doesNotContain("Exception").doesNotContain("nope").doesNotContain("robot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/feed.json?type=Podcast", "/feed.json?limit=0", "/topics/nope/feed.json", "/no/such/path",
            "/embed?topic=nope"})
    void errorsCarryCorsSoAWidgetSeesTheStatusNotACorsFailure(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).isIn(400, 404);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void typeTopicAndKindValuesIgnoreCaseAndAreOneDocument() throws Exception {
        HttpResponse<byte[]> declared = get("/feed.rss?type=Webinar&topic=programming&kind=partner");
        HttpResponse<byte[]> shouted = get("/feed.rss?type=WEBINAR&topic=Programming&kind=PARTNER");
        assertThat(shouted.statusCode()).isEqualTo(200);
        assertThat(text(shouted)).contains("Webinar two").doesNotContain("News one");
        assertThat(shouted.headers().firstValue("ETag")).isEqualTo(declared.headers().firstValue("ETag"));
        assertThat(text(get("/feed.json?type=webinar"))).contains("Webinar two").doesNotContain("News one");
        assertThat(get("/topics/Partnerships").statusCode()).isEqualTo(200);
        assertThat(text(get("/embed?topic=PARTNERSHIPS"))).contains("News one").doesNotContain("Webinar two");
    }

    @Test
    void robotsTxtKeepsCrawlersOutOfTheAdminApiOnly() throws Exception {
        HttpResponse<byte[]> r = get("/robots.txt");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text(r)).isEqualTo("User-agent: *\nDisallow: /admin/\n");
    }

    @Test
    void unknownTopicIs404() throws Exception {
        assertThat(get("/topics/nope").statusCode()).isEqualTo(404);
        assertThat(get("/topics/nope/feed.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void filtersSelectItems() throws Exception {
        assertThat(text(get("/feed.rss?type=Webinar"))).contains("Webinar two").doesNotContain("News one");
        assertThat(text(get("/feed.rss?kind=library"))).doesNotContain("News one").doesNotContain("Webinar two");
        assertThat(text(get("/feed.rss?source=consortium&source=programming-librarian"))).contains("News one", "Webinar two");
        assertThat(text(get("/topics/partnerships/feed.rss"))).contains("News one").doesNotContain("Webinar two");
        assertThat(text(get("/feed.json?limit=1"))).contains("News one").doesNotContain("Webinar two");
    }

    @Test
    void etagIsQuotedStrongAnd304sOnIfNoneMatchAndIfModifiedSince() throws Exception {
        HttpResponse<byte[]> first = get("/feed.atom");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");

        assertThat(get("/feed.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/feed.atom", "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
        assertThat(get("/feed.atom", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(get("/feed.atom", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/feed.atom", "If-Modified-Since", "Mon, 01 Jan 2018 00:00:00 GMT").statusCode()).isEqualTo(200);
    }

    @Test
    void etagChangesOnlyWhenContentChanges() throws Exception {
        String before = get("/feed.atom").headers().firstValue("ETag").orElseThrow();
        assertThat(get("/feed.atom").headers().firstValue("ETag")).hasValue(before);
        save("everett", "3", "Library news", "News", T0.plusSeconds(3600), "programming");
        String after = get("/feed.atom").headers().firstValue("ETag").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(text(get("/feed.atom"))).contains("Library news");
        // a change elsewhere does not touch a document whose bytes stay the same
        assertThat(get("/topics/partnerships/feed.atom", "If-None-Match",
                get("/topics/partnerships/feed.atom").headers().firstValue("ETag").orElseThrow()).statusCode())
                .isEqualTo(304);
    }

    @Test
    void lastModifiedMovesWithTheBytesOnlyAndIsAnImfFixdate() throws Exception {
        HttpResponse<byte[]> first = get("/topics/partnerships/feed.atom");
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(lastModified).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

        // A change in another topic renders this document again with the same bytes: Last-Modified stays.
        save("everett", "3", "Library news", "News", T0.plusSeconds(3600), "programming");
        assertThat(get("/topics/partnerships/feed.atom").headers().firstValue("Last-Modified")).hasValue(lastModified);

        // Hiding one of its items changes its bytes but no item date: a client that sends only If-Modified-Since
        // must get the new bytes, not a 304 for the old ones.
        assertThat(store.setHidden("pid1", true, T0.plusSeconds(7200))).isTrue();
        HttpResponse<byte[]> afterHide = get("/topics/partnerships/feed.atom", "If-Modified-Since", lastModified);
        assertThat(afterHide.statusCode()).isEqualTo(200);
        assertThat(text(afterHide)).doesNotContain("News one");
        assertThat(afterHide.headers().firstValue("Last-Modified")).isPresent().get().isNotEqualTo(lastModified);
    }

    @Test
    void atomSourceUpdatedKeepsTheEtagWhenNothingInTheDocumentChanged() throws Exception {
        String path = "/topics/partnerships/feed.atom";
        HttpResponse<byte[]> first = get(path);
        // The newest change among the source's items in the document: its item's own date (not when we saw it).
        assertThat(text(first)).containsPattern("(?s)<source>.*<updated>2019-06-27T14:00:00Z</updated>.*</source>");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        // The source is fetched again with nothing new, then publishes a newer item, but in another topic.
        StoredItems.saveFetched(store, "programming-librarian", "u", null, null, List.of(), Set.of(), T0.plusSeconds(7200));
        save("programming-librarian", "3", "Programming news", "News", T0.plusSeconds(3600), "programming");
        assertThat(text(get("/feed.atom"))).contains("Programming news");

        HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void gzipWhenAskedWithVary() throws Exception {
        HttpResponse<byte[]> r = get("/feed.rss", "Accept-Encoding", "gzip");
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(r.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(unzipped).isEqualTo(text(get("/feed.rss")));
        assertThat(get("/feed.rss").headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void headAnswersHeadersWithoutBody() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feed.atom"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void feedsAllowAnyOriginAndPagesCarrySecurityHeaders() throws Exception {
        assertThat(get("/feed.json").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<byte[]> page = get("/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).isPresent();
    }

    @ParameterizedTest
    @CsvSource({"/favicon.ico, image/x-icon", "/assets/icon.png, image/png", "/assets/icon.svg, image/svg+xml"})
    void theBundledIconAnswersAsAnImageKeptAWeekAndRevalidatesTo304(String path, String type) throws Exception {
        HttpResponse<byte[]> first = get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=604800");
        assertThat(first.body()).isNotEmpty();
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutASiteIconTheFeedsAndPagesNameTheBundledOne() throws Exception {
        assertThat(text(get("/feed.atom"))).contains("<icon>http://localhost:8080/assets/icon.png</icon>");
        assertThat(text(get("/feed.rss"))).contains("<url>http://localhost:8080/assets/icon.png</url>");
        assertThat(text(get("/feed.json"))).contains("\"icon\" : \"http://localhost:8080/assets/icon.png\"");
        assertThat(text(get("/"))).contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/assets/icon.svg\">");
    }

    @Test
    void cacheMaxAgeIsSiteCacheMaxAgeAndFollowsAReload() throws Exception {
        assertThat(get("/feed.atom").headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        config.set(new ConfigLoader().parse("feeds.yml", yaml.replace("site:\n", "site:\n  cache_max_age: 10m\n")));

        for (String path : List.of("/feed.atom", "/", "/sources.opml", "/assets/style.css", "/embed.js")) {
            assertThat(get(path).headers().firstValue("Cache-Control")).as(path).hasValue("public, max-age=600");
        }
    }

    @Test
    void statusListsEverySourceAsJson() throws Exception {
        String json = text(get("/status"));
        assertThat(json).contains("\"id\" : \"programming-librarian\"", "\"id\" : \"everett\"",
                "\"consecutive_failures\"", "\"next_fetch_at\"");
    }

    @Test
    void healthSays503WhenTheDatabaseIsGone() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        database.close();
        assertThat(get("/health").statusCode()).isEqualTo(503);
    }
}
