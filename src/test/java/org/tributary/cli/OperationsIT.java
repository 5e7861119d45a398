package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Http;
import org.tributary.testing.PartnerServer;
import org.xml.sax.InputSource;

/** Running it for years, tested on the packaged program: live config, /metrics, /status.html, backup and restore. */
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

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

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        return Http.get(url, headers);
    }

    private static JsonNode status(Program serve) throws Exception {
        return Http.json(serve.url("/status"));
    }

    private static List<String> ids(JsonNode status) {
        List<String> ids = new ArrayList<>();
        status.path("sources").forEach(s -> ids.add(s.path("id").asText()));
        return ids;
    }

    private static int entries(String atom) throws Exception {
        return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(atom.getBytes(StandardCharsets.UTF_8))))
                .getEntries().size();
    }

    private static JsonNode source(JsonNode status, String id) {
        for (JsonNode s : status.path("sources")) if (s.path("id").asText().equals(id)) return s;
        throw new AssertionError("no source " + id + " in " + status);
    }

    @Test
    void anEditedFeedsYmlAddsAndRemovesSourcesWithoutARestartAndABadOneIsRefused() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> entries(get(serve.url("/feed.atom")).body()) == 7);
            String everettSuccess = source(status(serve), "everett").path("last_success_at").asText();
            assertThat(get(serve.url("/")).body()).contains("Everett Public Library");

            // Rename consortium (a new id: a new source with no history) and keep the others as they are.
            String edited = Files.readString(config).replace("id: consortium", "id: webinars");
            Files.writeString(config, edited);
            await().atMost(WAIT).until(() -> ids(status(serve)).contains("webinars"));
            JsonNode after = status(serve);
            assertThat(ids(after)).containsExactly("programming-librarian", "everett", "webinars");
            assertThat(after.path("config").path("reload").asText()).isEqualTo("ok");
            await().atMost(WAIT).until(() -> source(status(serve), "webinars").path("state").asText().equals("ok"));
            assertThat(source(status(serve), "everett").path("last_success_at").asText())
                    .as("a kept source is neither refetched nor reset").isEqualTo(everettSuccess);

            // A new title changes no item, yet the published documents follow it at once.
            edited = edited.replace("title: Everett Public Library", "title: Everett Library Renamed");
            Files.writeString(config, edited);
            await().atMost(WAIT).until(() -> get(serve.url("/sources.opml")).body().contains("Everett Library Renamed"));
            assertThat(get(serve.url("/")).body()).contains("Everett Library Renamed");

            // A file that does not validate: refused, the last good one stays. The public /status and /status.html
            // say when, not what: the errors (which quote the file and its path) are in the log only.
            Files.writeString(config, edited.replace("kind: library", "kind: museum # password:hunter2"));
            await().atMost(WAIT).until(() -> status(serve).path("config").path("reload").asText().equals("refused"));
            JsonNode refused = status(serve);
            assertThat(refused.path("config").path("message").asText())
                    .matches("configuration reload refused at .+ \\(1 error\\); see the log");
            assertThat(refused.path("config").has("errors")).isFalse();
            assertThat(refused.toString()).doesNotContain("museum").doesNotContain("hunter2")
                    .doesNotContain(config.toAbsolutePath().toString());
            assertThat(ids(refused)).containsExactly("programming-librarian", "everett", "webinars");
            assertThat(get(serve.url("/status.html")).body()).contains("was refused").contains("see the log")
                    .doesNotContain("sources[1].kind").doesNotContain("museum")
                    .doesNotContain(config.toAbsolutePath().toString());
            await().atMost(WAIT).until(() -> serve.stderr().contains("sources[1].kind"));

            // SIGHUP reads the file again even when it has not changed.
            Files.writeString(config, edited);
            await().atMost(WAIT).until(() -> status(serve).path("config").path("reload").asText().equals("ok"));
            serve.signal("HUP");
            await().atMost(WAIT).until(() -> serve.stderr().lines()
                    .filter(l -> l.contains("config: reloaded")).count() >= 3);
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void metricsCountFetchesSourcesAndPublishedDocuments() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> entries(get(serve.url("/feed.atom")).body()) == 7);
            String etag = get(serve.url("/feed.rss")).headers().firstValue("ETag").orElseThrow();
            get(serve.url("/feed.rss"));
            assertThat(get(serve.url("/feed.rss"), "If-None-Match", etag).statusCode()).isEqualTo(304);

            HttpResponse<String> metrics = get(serve.url("/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("tributary_fetches_total{outcome=\"fetched\",source=\"everett\"} 1.0")
                    .contains("tributary_items_added_total{source=\"programming-librarian\"}")
                    .contains("tributary_fetch_duration_seconds_count{source=\"consortium\"} 1")
                    .contains("tributary_fetch_body_bytes_count{source=\"everett\"} 1")
                    .contains("tributary_sources{state=\"ok\"} 3.0")
                    .contains("tributary_publish_requests_total{document=\"feed\",result=\"sent\"}")
                    .contains("tributary_publish_renders_total")
                    .contains("tributary_publish_requests_total{document=\"feed\",result=\"not-modified\"} 1.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("tributary_source_last_success_timestamp_seconds{source=\"everett\"}")
                    .contains("tributary_build_info{version=\"" + System.getProperty("tributary.version",
                            "0.1.0-SNAPSHOT") + "\"} 1");
            Path promtool = org.tributary.testing.Required.program("promtool (Debian package prometheus)", "promtool");
            Program.Result lint = Program.run(new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(Files.writeString(dir.resolve("scrape.txt"), metrics.body()).toFile()));
            assertThat(lint.exit()).as("promtool check metrics on /metrics:\n" + lint.out() + lint.err()).isZero();
        }
    }

    @Test
    void theStatusPageEscapesWhatItShowsAndCarriesTheSecurityHeaders() throws Exception {
        Files.writeString(config, Files.readString(config)
                .replace("title: Everett Public Library", "title: \"Everett <script>alert(1)</script>\""));
        partners.misbehave(PartnerServer.RDF, PartnerServer.status(500)); // a 503 would read "rate-limited"
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> source(status(serve), "consortium").path("state").asText()
                    .equals("failing"));
            HttpResponse<String> page = get(serve.url("/status.html"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                    .contains("default-src 'none'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.body()).doesNotContain("<script").contains("Everett &lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("fetch[consortium]: HTTP 500").contains("failing");
        }
    }

    @Test
    void aBackupTakenWhileServingRestoresTheFeedOfThatMoment() throws Exception {
        String atBackup;
        Path online = dir.resolve("online.zip");
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> entries(get(serve.url("/feed.atom")).body()) == 7);
            atBackup = get(serve.url("/feed.atom")).body();
            HttpResponse<String> noToken = HTTP.send(HttpRequest.newBuilder(URI.create(serve.url("/admin/backup")))
                    .header("Authorization", "Bearer guess").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).as("the admin route wants the token from the data directory")
                    .isEqualTo(401);
            Program.Result backup = Program.run("--config", config.toString(), "--data", data.toString(),
                    "backup", "--to", online.toString());
            assertThat(backup.exit()).as(backup.err()).isZero();
            assertThat(backup.out()).contains("online backup");
            assertThat(serve.terminate()).isZero();
        }
        assertThat(data.resolve("serve.admin")).as("serve removes its admin file when it stops").doesNotExist();

        // More news after the backup.
        partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS).replace("<item>", """
                <item><title>Published after the backup</title><link>https://programminglibrarian.example/after</link>
                <guid>after-the-backup</guid><pubDate>Mon, 01 Jan 2035 00:00:00 GMT</pubDate></item>
                <item>""".replace("2035", "2024")));
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "refresh").exit()).isZero();
        Path offline = dir.resolve("offline.zip");
        Program.Result offlineBackup = Program.run("--config", config.toString(), "--data", data.toString(),
                "backup", "--to", offline.toString());
        assertThat(offlineBackup.out()).as(offlineBackup.err()).contains("offline backup");

        Path restored = dir.resolve("restored");
        Program.Result restore = Program.run("--config", config.toString(), "--data", restored.toString(),
                "restore", "--from", online.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        Program.Result again = Program.run("--config", config.toString(), "--data", restored.toString(),
                "restore", "--from", online.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("not empty");

        // Serve the restored copy with every partner down, so that nothing new arrives: the feed is the backup's.
        for (String path : List.of(PartnerServer.RSS, PartnerServer.ATOM, PartnerServer.RDF)) {
            partners.misbehave(path, PartnerServer.status(503));
        }
        try (Program serve = Program.serve(config, restored)) {
            await().atMost(WAIT).until(() -> status(serve).path("sources").findValues("consecutive_failures").stream()
                    .allMatch(n -> n.asInt() > 0));
            String now = get(serve.url("/feed.atom")).body();
            assertThat(now).isEqualTo(atBackup).doesNotContain("Published after the backup");
        }
        try (Program serve = Program.serve(config, data)) {
            assertThat(get(serve.url("/feed.atom")).body()).as("the original moved on")
                    .contains("Published after the backup");
        }
    }

    @Test
    void backupAndRestoreRefuseWhatTheyCannotDo() throws Exception {
        Program.Result noDb = Program.run("--config", config.toString(), "--data", data.toString(),
                "backup", "--to", dir.resolve("x.zip").toString());
        assertThat(noDb.exit()).isEqualTo(2);
        assertThat(noDb.err()).contains("no database");
        Path notABackup = Files.writeString(dir.resolve("notes.txt"), "hello");
        Program.Result bad = Program.run("--config", config.toString(), "--data", dir.resolve("empty").toString(),
                "restore", "--from", notABackup.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("holds no");
    }
}
