package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.Postgres;

/**
 * Editing a cluster: two packaged `serve` nodes on one real PostgreSQL database, sharing one admin token through the
 * environment. An action taken on one node (or by the CLI, which opens the shared database itself) is what both
 * nodes publish: nothing but the database passes between them.
 */
class EditorialClusterIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "cluster-admin-token-0123456789abcdef";
    private static final String TITLE = EditingWhileServingIT.TEAM_TALENTS;
    private static final String HELD = "Reduce Waste, Build Community: Hosting Repair Events at Your Library";

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;
    private Map<String, String> env;
    private Program a;
    private Program b;

    @BeforeEach
    void start() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
        // consortium is held: its items wait for an editor on either node.
        Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m")
                .replace("    kind: partner\n    type: Webinar\n", "    kind: partner\n    type: Webinar\n    moderation: hold\n"));
        env = Map.of("TRIBUTARY_DB_URL", Postgres.freshDatabase(), "TRIBUTARY_DB_USER", Postgres.USER,
                "TRIBUTARY_DB_PASSWORD", Postgres.PASSWORD, "TRIBUTARY_ADMIN_TOKEN", TOKEN);
        CompletableFuture<Program> first = CompletableFuture.supplyAsync(() -> serve("a"));
        CompletableFuture<Program> second = CompletableFuture.supplyAsync(() -> serve("b"));
        a = first.join();
        b = second.join();
    }

    private Program serve(String name) {
        try {
            return Program.serve(config, dir.resolve(name), env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        partners.close();
    }

    private static String get(Program node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> admin(Program node, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.url(path)))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60));
        if (body == null) r.GET();
        else r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A command of the packaged program with the cluster's environment (it opens the shared database itself). */
    private Program.Result cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Program.jar().toString(), "--config", config.toString(), "--data",
                dir.resolve("cli").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(env);
        return Program.run(builder);
    }

    @Test
    void anEditOnEitherNodeOrFromTheCliIsWhatBothNodesPublish() throws Exception {
        for (Program node : List.of(a, b)) {
            await().atMost(WAIT).until(() -> get(node, "/feed.atom").contains(TITLE)
                    && get(node, "/feed.atom").contains("Everett"));
        }
        String id = EditingWhileServingIT.itemId(get(b, "/feed.json"), TITLE);

        // Hidden on a: gone from b's documents, which b had rendered and cached before.
        long asked = System.nanoTime();
        HttpResponse<String> hide = admin(a, "POST", "/admin/items/" + id + "/hide", "{\"reason\": \"withdrawn\"}");
        assertThat(hide.statusCode()).as(hide.body()).isEqualTo(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> !get(b, "/feed.atom").contains(TITLE));
        System.out.printf("cluster takedown: hidden on node a, absent from node b's /feed.atom %d ms after the "
                + "request%n", (System.nanoTime() - asked) / 1_000_000);
        for (Program node : List.of(a, b)) {
            for (String doc : List.of("/feed.atom", "/feed.rss", "/feed.json", "/", "/topics/partnerships", "/embed")) {
                await().atMost(WAIT).until(() -> !get(node, doc).contains(TITLE));
            }
        }

        // Shown again by the CLI, which on PostgreSQL works on the shared database while both nodes serve.
        Program.Result unhide = cli("unhide", id, "--reason", "cleared");
        assertThat(unhide.exit()).as(unhide.err()).isZero();
        for (Program node : List.of(a, b)) await().atMost(WAIT).until(() -> get(node, "/feed.atom").contains(TITLE));

        // Held items: counted by both, approved on b, published by a.
        for (Program node : List.of(a, b)) {
            await().atMost(WAIT).until(() -> JSON.readTree(get(node, "/status")).findValues("held_items").stream()
                    .mapToInt(JsonNode::asInt).sum() == 2);
            assertThat(get(node, "/feed.atom")).doesNotContain(HELD);
        }
        String heldId = null;
        String otherId = null;
        for (JsonNode held : JSON.readTree(admin(a, "GET", "/admin/pending", null).body()).path("items")) {
            if (held.path("title").asText().equals(HELD)) heldId = held.path("id").asText();
            else otherId = held.path("id").asText();
        }
        assertThat(heldId).isNotNull();
        assertThat(otherId).isNotNull();
        assertThat(admin(b, "POST", "/admin/items/" + heldId + "/approve", "{}").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> get(a, "/feed.atom").contains(HELD));

        // Rejected on a: b has nothing pending any more.
        assertThat(admin(a, "POST", "/admin/items/" + otherId + "/reject", "{}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(admin(b, "GET", "/admin/pending", null).body()).path("items")).isEmpty();
        Program.Result pending = cli("pending");
        assertThat(pending.exit()).as(pending.err()).isZero();
        assertThat(pending.out()).contains("no items wait for approval");

        // One audit log: what either node or the CLI did, in the order it was done, seen from both.
        for (Program node : List.of(a, b)) {
            List<String> actions = new ArrayList<>();
            JSON.readTree(admin(node, "GET", "/admin/audit", null).body()).path("entries")
                    .forEach(e -> actions.add(e.path("action").asText()));
            assertThat(actions).containsExactly("reject", "approve", "unhide", "hide");
        }
        assertThat(a.stderr() + b.stderr()).doesNotContain(TOKEN);
    }
}
