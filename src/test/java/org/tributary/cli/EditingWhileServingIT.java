package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;

/**
 * The editors' commands run as a user runs them, against a packaged `serve` on the same H2 data directory: each goes
 * through the server's admin API with the token serve created, instead of failing on the locked database.
 */
class EditingWhileServingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    static final String TEAM_TALENTS = "Tapping Your Team Talents";

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

    private Program.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--data", data.toString()));
        all.addAll(List.of(args));
        return Program.run(all.toArray(String[]::new));
    }

    static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The public id of the published item with this title: the last part of its JSON Feed (and Atom) id. */
    static String itemId(String feedJson, String title) throws Exception {
        for (JsonNode item : JSON.readTree(feedJson).path("items")) {
            if (item.path("title").asText().equals(title)) {
                return item.path("id").asText().substring("urn:tributary:".length());
            }
        }
        throw new AssertionError("no item titled " + title + " in " + feedJson);
    }

    private JsonNode audit(Program serve) throws Exception {
        String token = Files.readString(data.resolve("admin.token")).strip();
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(serve.url("/admin/audit")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void hideAndUnhideGoThroughTheRunningServeAndEveryOutputFollows() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).contains(TEAM_TALENTS));
            String id = itemId(get(serve.url("/feed.json")), TEAM_TALENTS);

            Program.Result hide = cli("hide", id, "--reason", "partner asked");
            assertThat(hide.exit()).as(hide.err()).isZero();
            assertThat(hide.out()).contains("hidden: " + id);
            assertThat(hide.err()).doesNotContain("in use");
            for (String doc : List.of("/feed.atom", "/feed.rss", "/feed.json", "/", "/topics/partnerships")) {
                await().atMost(WAIT).until(() -> !get(serve.url(doc)).contains(TEAM_TALENTS));
            }

            Program.Result unhide = cli("unhide", id, "--reason", "cleared");
            assertThat(unhide.exit()).as(unhide.err()).isZero();
            assertThat(unhide.out()).contains("shown again: " + id);
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).contains(TEAM_TALENTS));

            Program.Result unknown = cli("hide", "0123456789abcdef", "--reason", "typo");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("hide: no item with id 0123456789abcdef");

            List<String> actions = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            audit(serve).path("entries").forEach(e -> {
                actions.add(e.path("action").asText());
                reasons.add(e.path("reason").asText());
            });
            assertThat(actions).as("newest first, and a failed hide is no action").containsExactly("unhide", "hide");
            assertThat(reasons).containsExactly("cleared", "partner asked");
        }
    }

    @Test
    void statusRefreshResetAndBackupGoThroughTheRunningServe() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> JSON.readTree(get(serve.url("/status"))).path("sources")
                    .findValues("state").stream().allMatch(s -> s.asText().equals("ok")));

            Program.Result status = cli("status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("SOURCE", "programming-librarian", "everett", "consortium");
            assertThat(status.out().lines().filter(l -> l.startsWith("everett ")).findFirst().orElseThrow())
                    .contains(" ok ");

            // A new entry at the partner: a refresh through serve fetches it, and serve publishes it.
            partners.serve(PartnerServer.ATOM, PartnerServer.fixture(PartnerServer.ATOM).replaceFirst("<entry>", """
                    <entry><title>Added at the partner</title><id>urn:x:added</id>
                    <link href="https://everett.example/added"/><updated>2024-01-01T00:00:00Z</updated></entry>
                    <entry>"""));
            Program.Result refresh = cli("refresh", "everett");
            assertThat(refresh.exit()).as(refresh.err()).isZero();
            assertThat(refresh.out()).contains("everett").contains("1 sources: 1 ok, 0 failed; 1 new items");
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).contains("Added at the partner"));

            Program.Result unknownSource = cli("refresh", "nosuch");
            assertThat(unknownSource.exit()).isEqualTo(2);

            Program.Result reset = cli("reset", "consortium");
            assertThat(reset.exit()).as(reset.err()).isZero();
            assertThat(reset.out()).contains("reset: consortium is due at its next scheduled fetch");

            Path backup = dir.resolve("online.zip");
            Program.Result backedUp = cli("backup", "--to", backup.toString());
            assertThat(backedUp.exit()).as(backedUp.err()).isZero();
            assertThat(backedUp.out()).contains("online backup");
            try (ZipFile zip = new ZipFile(backup.toFile())) {
                assertThat(zip.size()).isPositive();
            }

            Path exported = dir.resolve("site");
            Program.Result export = cli("export", "--out", exported.toString());
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(Files.readString(exported.resolve("feed.atom"), StandardCharsets.UTF_8))
                    .contains("Added at the partner");

            List<String> audited = new ArrayList<>();
            audit(serve).path("entries").forEach(e -> audited.add(e.path("action").asText() + " "
                    + e.path("target").asText()));
            assertThat(audited).containsExactly("reset source:consortium", "refresh source:everett");

            String token = Files.readString(data.resolve("admin.token")).strip();
            for (Program.Result r : List.of(status, refresh, reset, backedUp, export)) {
                assertThat(r.out() + r.err()).doesNotContain(token);
            }
            assertThat(serve.stderr()).doesNotContain(token);
        }
    }

    @Test
    void aHeldPartnersItemsWaitUntilAnEditorApprovesOrRejectsThemThroughTheRunningServe() throws Exception {
        Files.writeString(config, Files.readString(config).replace("""
                    kind: partner
                    topics: [partnerships]
                """, """
                    kind: partner
                    topics: [partnerships]
                    moderation: hold
                """));
        try (Program serve = Program.serve(config, data)) {
            await().atMost(WAIT).until(() -> {
                JsonNode source = JSON.readTree(get(serve.url("/status"))).path("sources").get(0);
                return source.path("held_items").asInt() == 3;
            });
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).contains("Everett"));
            for (String doc : List.of("/feed.atom", "/feed.rss", "/feed.json", "/", "/topics/partnerships",
                    "/embed", "/feed.atom?source=programming-librarian")) {
                assertThat(get(serve.url(doc))).as(doc).doesNotContain(TEAM_TALENTS).doesNotContain("Heart of the Community");
            }
            assertThat(get(serve.url("/status.html"))).contains("3 items wait for an editor's approval");

            Program.Result pending = cli("pending");
            assertThat(pending.exit()).as(pending.err()).isZero();
            assertThat(pending.out()).contains(TEAM_TALENTS, "programming-librarian", "2019-03-05");
            String team = pending.out().lines().filter(l -> l.contains(TEAM_TALENTS)).findFirst().orElseThrow().split(" ")[0];
            String heart = pending.out().lines().filter(l -> l.contains("Heart of the Community")).findFirst()
                    .orElseThrow().split(" ")[0];

            Program.Result approve = cli("approve", team, "--reason", "checked");
            assertThat(approve.exit()).as(approve.err()).isZero();
            assertThat(approve.out()).contains("published: " + team);
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).contains(TEAM_TALENTS));
            JsonNode published = null;
            for (JsonNode item : JSON.readTree(get(serve.url("/feed.json"))).path("items")) {
                if (item.path("title").asText().equals(TEAM_TALENTS)) published = item.path("date_published");
            }
            assertThat(published).as("approved under its own date").isNotNull();
            assertThat(java.time.Instant.parse(published.asText())).isEqualTo("2019-03-05T10:00:00Z");

            Program.Result reject = cli("reject", heart, "--reason", "off topic");
            assertThat(reject.exit()).as(reject.err()).isZero();
            Program.Result again = cli("approve", heart);
            assertThat(again.exit()).as("a rejected item is no longer held").isEqualTo(2);
            assertThat(again.err()).contains("no held item with id " + heart);

            Program.Result refresh = cli("refresh", "programming-librarian");
            assertThat(refresh.exit()).as(refresh.err()).isZero();
            assertThat(get(serve.url("/feed.atom"))).contains(TEAM_TALENTS).doesNotContain("Heart of the Community");
            await().atMost(WAIT).until(() -> JSON.readTree(get(serve.url("/status"))).path("sources").get(0)
                    .path("held_items").asInt() == 1);
            assertThat(cli("pending").out()).doesNotContain(TEAM_TALENTS).doesNotContain("Heart of the Community")
                    .contains("Always Be Listening");

            List<String> audited = new ArrayList<>();
            audit(serve).path("entries").forEach(e -> audited.add(e.path("action").asText() + " "
                    + e.path("target").asText() + " " + e.path("reason").asText()));
            assertThat(audited).startsWith("refresh source:programming-librarian ", "reject item:" + heart
                    + " off topic", "approve item:" + team + " checked");
        }
    }
}
