package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.web.WebFixture.text;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.normalize.Item;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.PageCursor;
import org.tributary.store.Store;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;

/**
 * A loopback attacker sends many distinct forged requests (cursors at any instant and id, limit spellings, filter
 * combinations) to the real server over a real H2 file: the document cache stays inside its bounds, what cannot be
 * a page is refused, and the feed keeps answering after the store changes.
 */
class DocumentFloodIT {

    private static final long MAX_BYTES = 400_000;
    private static final int MAX_DOCUMENTS = 40;
    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    @TempDir
    Path dataDir;

    private Config config;
    private Database database;
    private Store store;
    private WebServer web;
    private int port;
    private int next;

    @BeforeEach
    void start() throws Exception {
        config = new ConfigLoader().parse("feeds.yml", WebFixture.yaml(null));
        database = Database.h2(dataDir);
        store = new Store(database, true);
        web = new WebServer(WebServer.Parts.of(() -> config, store, database, new Publisher(),
                new SourceStatus(() -> config, store, id -> Optional.empty())),
                new DocumentCache(MAX_DOCUMENTS, MAX_BYTES));
        port = web.start("127.0.0.1", 0);
        for (int i = 0; i < 30; i++) add("Item " + i, T0.plusSeconds(3600L * i));
    }

    @AfterEach
    void stop() {
        web.close();
        database.close();
    }

    /** An item with a few kilobytes of text, so that a page of many of them weighs what a real one does. */
    private String add(String title, Instant at) {
        String id = "x" + (next++);
        String body = "<p>" + (title + " ").repeat(200) + "</p>";
        Item item = Items.item("partner", "guid:" + id).publicId("pid-" + id).guid(id)
                .link("https://example.org/" + id).title(title).summaryHtml(body).excerpt("Excerpt of " + title)
                .topics("partnerships").authors("Ann").published(at).contentHash("h" + id).build();
        StoredItems.saveFetched(store, "partner", "u", null, null, List.of(item), Set.of(), at);
        return item.publicId();
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return WebFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String cursor(Instant date, Instant seen, String id) {
        return new PageCursor(date, seen, id).encode();
    }

    @Test
    void manyDistinctForgedRequestsKeepTheCacheInsideItsBoundsAndTheFeedAnswering() throws Exception {
        assertThat(get("/feed.atom").statusCode()).isEqualTo(200);
        String[] formats = {"/feed.atom", "/feed.rss", "/feed.json", "/"};
        int answered = 0;
        for (int i = 0; i < 300; i++) {
            // Forged cursors inside the stored range, each a distinct page, with every page size.
            Instant at = T0.plusSeconds(37L * i + 1800);
            String path = formats[i % formats.length] + "?limit=" + (1 + i % 30) + "&before="
                    + cursor(at, at, "forged-" + i);
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            answered++;
            assertThat(web.documents().cachedBytes()).isLessThanOrEqualTo(MAX_BYTES);
            assertThat(web.documents().cachedDocuments()).isLessThanOrEqualTo(MAX_DOCUMENTS);
        }
        assertThat(answered).isEqualTo(300);

        String added = add("Fresh after the flood", T0.plusSeconds(3600L * 40));
        HttpResponse<byte[]> feed = get("/feed.atom");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(text(feed)).contains("Fresh after the flood").contains(added);
        assertThat(web.documents().cachedBytes()).isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void limitHasOneSpellingPerNumber() throws Exception {
        for (String spelling : List.of("0500", "+500", "٥٠٠", "５", " 5", "5 ", "05", "-1", "0", "501", "1e2")) {
            HttpResponse<byte[]> r = get("/feed.atom?limit=" + URLEncoder.encode(spelling, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(spelling).isEqualTo(400);
            assertThat(text(r)).startsWith("limit: ");
        }
        assertThat(get("/feed.atom?limit=500").statusCode()).isEqualTo(200);
    }

    @Test
    void cursorsOutsideEveryPossiblePlaceAreRefusedNotFailed() throws Exception {
        Instant now = Instant.now();
        List<String> beyond = List.of(cursor(Instant.MAX, Instant.MAX, "x"), cursor(Instant.MIN, Instant.MIN, "x"),
                cursor(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(30)), "x"),
                cursor(Instant.parse("-2000-01-01T00:00:00Z"), T0, "x"));
        for (String c : beyond) {
            for (String param : List.of("before", "after")) {
                HttpResponse<byte[]> r = get("/feed.atom?" + param + "=" + c);
                assertThat(r.statusCode()).as(param + " " + c).isEqualTo(400);
                assertThat(text(r)).isEqualTo(param + ": a page cursor beyond every stored item\n")
                        .doesNotContain("Exception");
            }
        }
    }

    @Test
    void aCursorPastTheOldestItemIsAnsweredButNotKept() throws Exception {
        int before = web.documents().cachedDocuments();
        Instant old = T0.minus(Duration.ofDays(3000));
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> r = get("/feed.json?before=" + cursor(old, old, "forged-" + i));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(text(r).replace(" ", "")).contains("\"items\":[]");
        }
        assertThat(web.documents().cachedDocuments()).isEqualTo(before);
    }

    @Test
    void aCursorInTheFutureIsNotCachedForADay() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofHours(2));
        HttpResponse<byte[]> r = get("/feed.atom?before=" + cursor(soon, soon, "forged"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        Instant past = T0.plusSeconds(3600L * 10);
        assertThat(get("/feed.atom?before=" + cursor(past, past, "forged")).headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=86400");
    }

    @Test
    void anUndecodableFilterValueIsRefusedNotIgnored() throws Exception {
        for (String q : List.of("type=%", "type=%zz", "topic=%", "source=%E0%A4", "kind=%", "before=%")) {
            String answer = raw("GET /feed.atom?" + q + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(q).startsWith("HTTP/1.1 400 ").doesNotContain("<feed");
        }
    }

    /** What the server answers to bytes a well-behaved client would never send. */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
