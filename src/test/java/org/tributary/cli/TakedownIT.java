package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;

/**
 * A takedown while serving, on the packaged program: after POST /admin/items/{id}/hide, every output stops showing
 * the item: each feed format, the pages, a topic's views, the embed, filtered views, the gzip copies served from
 * memory, and a reader's conditional request with the ETag it had. The time from the request to the item's absence
 * from /feed.atom is printed (for the record), not asserted: the machine is shared and loaded.
 */
class TakedownIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TITLE = EditingWhileServingIT.TEAM_TALENTS;
    /** Every published view the item is in; each is also asked for gzipped. */
    private static final List<String> VIEWS = List.of("/feed.atom", "/feed.rss", "/feed.json", "/",
            "/topics/partnerships", "/topics/partnerships/feed.atom", "/topics/partnerships/feed.rss",
            "/topics/partnerships/feed.json", "/embed", "/feed.atom?source=programming-librarian",
            "/feed.json?kind=partner&limit=500");

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
        data = dir.resolve("data");
        Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m"));
    }

    @AfterEach
    void tearDown() {
        partners.close();
    }

    private record Answer(int status, String body, String etag) {}

    private static Answer get(String url, boolean gzip, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (gzip) b.header("Accept-Encoding", "gzip");
        if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) body = gunzip(body);
        return new Answer(r.statusCode(), new String(body, StandardCharsets.UTF_8),
                r.headers().firstValue("ETag").orElse(null));
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static HttpResponse<String> admin(Program serve, String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(serve.url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHiddenItemLeavesEveryOutputAndTheCachedCopiesAndComesBackOnUnhide() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom"), false, null).body().contains(TITLE)
                    && get(serve.url("/feed.atom"), false, null).body().contains("Everett"));
            // Every view rendered and cached (both encodings) before the takedown, with the ETags readers hold.
            Map<String, String> etags = new LinkedHashMap<>();
            for (String view : VIEWS) {
                for (boolean gzip : new boolean[] {false, true}) {
                    Answer a = get(serve.url(view), gzip, null);
                    assertThat(a.status()).as(view).isEqualTo(200);
                    assertThat(a.body()).as(view + (gzip ? " gzip" : "")).contains(TITLE);
                    if (!gzip) etags.put(view, a.etag());
                }
                assertThat(get(serve.url(view), false, etags.get(view)).status()).as(view + " revalidated")
                        .isEqualTo(304);
            }
            String id = EditingWhileServingIT.itemId(get(serve.url("/feed.json"), false, null).body(), TITLE);
            String token = Files.readString(data.resolve("admin.token")).strip();

            long asked = System.nanoTime();
            HttpResponse<String> hide = admin(serve, "/admin/items/" + id + "/hide", token,
                    "{\"reason\": \"the partner withdrew it\"}");
            long answered = System.nanoTime();
            assertThat(hide.statusCode()).as(hide.body()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> !get(serve.url("/feed.atom"), false, null).body().contains(TITLE));
            long gone = System.nanoTime();
            System.out.printf("takedown: hide answered in %d ms; absent from /feed.atom %d ms after the request%n",
                    (answered - asked) / 1_000_000, (gone - asked) / 1_000_000);

            for (String view : VIEWS) {
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(get(serve.url(view), false, null).body()).as(view).doesNotContain(TITLE);
                    assertThat(get(serve.url(view), true, null).body()).as(view + " gzip").doesNotContain(TITLE);
                    Answer revalidated = get(serve.url(view), false, etags.get(view));
                    assertThat(revalidated.status()).as(view + " with the old ETag").isEqualTo(200);
                    assertThat(revalidated.body()).doesNotContain(TITLE);
                });
            }
            assertThat(get(serve.url("/feed.atom"), false, null).body()).as("the other items stay")
                    .contains("Getting to the Heart of the Community");

            Path site = dir.resolve("site");
            Program.Result export = Program.run("--config", config.toString(), "--data", data.toString(), "export",
                    "--out", site.toString());
            assertThat(export.exit()).as(export.err()).isZero();
            for (String file : List.of("feed.atom", "feed.rss", "feed.json", "index.html")) {
                assertThat(Files.readString(site.resolve(file))).as(file).doesNotContain(TITLE)
                        .contains("Getting to the Heart of the Community");
            }

            // A refetch of the partner, which still lists the entry, does not bring it back.
            partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS)
                    .replace("Tapping Your Team Talents</title>", "Tapping Your Team Talents</title><!-- edited -->")
                    .replace("Programs for every library", "Programs for every library, edited"));
            HttpResponse<String> refresh = admin(serve, "/admin/sources/programming-librarian/refresh", token, "{}");
            assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
            assertThat(refresh.body()).contains("\"outcome\":\"fetched\"");
            assertThat(get(serve.url("/feed.atom"), false, null).body()).doesNotContain(TITLE);

            assertThat(admin(serve, "/admin/items/" + id + "/unhide", token, "{}").statusCode()).isEqualTo(200);
            for (String view : VIEWS) {
                await().atMost(WAIT).until(() -> get(serve.url(view), true, null).body().contains(TITLE));
            }
        }
    }
}
