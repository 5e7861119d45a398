package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.Postgres;

/**
 * Every secret a deployment hands the packaged `serve` (database URL and password, SMTP password, admin token: set
 * directly and through their _FILE variants; a webhook URL with credentials in feeds.yml; credentials and a key in
 * a source URL that a reload brings in) is looked for, after a refresh and an alert, in everything the process
 * shows: its log (plain and JSON), /status, /status.html, /metrics, OPML, every published document, and an export.
 */
class SecretsNeverPublishedIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final String DB_PASSWORD = "pg-pass-Zq7w";
    private static final String SMTP_PASSWORD = "smtp-pass-Zq7w";
    private static final String ADMIN_TOKEN = "admin-token-Zq7w-0123456789";
    private static final String HOOK_PASSWORD = "hook-pass-Zq7w";
    private static final String HOOK_TOKEN = "hook-token-Zq7w";
    private static final String SOURCE_PASSWORD = "src-pass-Zq7w";
    private static final String SOURCE_KEY = "src-key-Zq7w";

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
    }

    @AfterEach
    void tearDown() {
        partners.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The environment with each secret set directly, or written to a file and named by its _FILE variable. */
    private Map<String, String> environment(boolean files, String dbUrl) throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("TRIBUTARY_DB_URL", dbUrl);
        secrets.put("TRIBUTARY_DB_PASSWORD", DB_PASSWORD);
        secrets.put("TRIBUTARY_SMTP_PASSWORD", SMTP_PASSWORD);
        secrets.put("TRIBUTARY_ADMIN_TOKEN", ADMIN_TOKEN);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRIBUTARY_DB_USER", Postgres.USER);
        env.put("TRIBUTARY_SMTP_USER", "alerts-bot");
        env.put("TRIBUTARY_LOG_FORMAT", files ? "json" : "plain");
        for (var e : secrets.entrySet()) {
            if (files) {
                Path file = Files.writeString(dir.resolve(e.getKey().toLowerCase() + ".secret"), e.getValue() + "\n");
                env.put(e.getKey() + "_FILE", file.toString());
            } else {
                env.put(e.getKey(), e.getValue());
            }
        }
        return env;
    }

    @ParameterizedTest(name = "secrets from files: {0}")
    @ValueSource(booleans = {false, true})
    void noSecretReachesTheLogStatusMetricsOrAnyPublishedDocument(boolean files) throws Exception {
        String dbUrl = Postgres.freshDatabase() + "?ApplicationName=tributary-Zq7w";
        String smtp = "127.0.0.1:" + closedPort();    // delivery fails: its error line is logged
        String webhook = "http://bot:" + HOOK_PASSWORD + "@" + partners.hostPort() + "/hook?token=" + HOOK_TOKEN;
        String yml = partners.feedsYml("http://localhost:8080", "30m").replace("sources:\n", """
                alerts:
                  after: 1s
                  webhook: "%s"
                  email: { smtp: "%s", from: "tributary@library.example.org", to: ["ops@library.example.org"] }
                sources:
                """.formatted(webhook, smtp));
        Files.writeString(config, yml);
        partners.misbehave(PartnerServer.RDF, PartnerServer.status(500));
        List<String> secrets = List.of(DB_PASSWORD, SMTP_PASSWORD, ADMIN_TOKEN, HOOK_PASSWORD, HOOK_TOKEN,
                SOURCE_PASSWORD, SOURCE_KEY, dbUrl, "tributary-Zq7w");
        Map<String, String> env = environment(files, dbUrl);
        Map<String, String> seen = new LinkedHashMap<>();
        Path data = dir.resolve("data");
        try (Program serve = Program.serve(config, data, env, "--test-every", "PT2S")) {
            // A refresh, then the alert of the failing source: tried on the webhook and by e-mail.
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).body().contains("<entry>"));
            await().atMost(WAIT).until(() -> !partners.requests("/hook").isEmpty());
            await().atMost(WAIT).until(() -> serve.stderr().contains("alert[consortium]"));
            // A reload that brings in a source URL with credentials and one with a key: refused.
            Files.writeString(config, yml + """
                      - id: with-password
                        title: With a password
                        url: "http://reader:%s@%s/private.rss"
                      - id: with-key
                        title: With a key
                        url: "http://%s/private.rss?api_key=%s"
                    """.formatted(SOURCE_PASSWORD, partners.hostPort(), partners.hostPort(), SOURCE_KEY));
            await().atMost(WAIT).until(() -> get(serve.url("/status")).body().contains("\"refused\""));
            for (String path : List.of("/status", "/status.html", "/metrics", "/health", "/sources.opml",
                    "/feed.atom", "/feed.rss", "/feed.json", "/", "/embed", "/embed.js", "/events", "/events.ics",
                    "/topics/partnerships", "/topics/partnerships/feed.atom", "/topics/partnerships/sources.opml",
                    "/no-such-page", "/feed.atom?before=x")) {
                HttpResponse<String> r = get(serve.url(path));
                seen.put(path, r.headers().map() + "\n" + r.body());
            }
            assertThat(seen.get("/feed.atom")).contains("<entry>");
            assertThat(seen.get("/metrics")).contains("tributary_fetches_total");
            assertThat(serve.terminate()).isZero();
            seen.put("stdout and stderr of serve", serve.stderr());
        }
        Files.writeString(config, yml);
        Path out = dir.resolve("export");
        ProcessBuilder export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Program.jar().toString(), "--config", config.toString(), "--data",
                data.toString(), "export", "--out", out.toString());
        export.environment().putAll(env);
        Program.Result exported = Program.run(export);
        assertThat(exported.exit()).as(exported.err()).isZero();
        seen.put("export's output", exported.out() + exported.err());
        try (Stream<Path> exportedFiles = Files.walk(out)) {
            for (Path f : exportedFiles.filter(Files::isRegularFile).toList()) {
                seen.put("export " + out.relativize(f), Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(seen.keySet().stream().filter(k -> k.startsWith("export ")).count()).isGreaterThan(5);

        List<String> leaks = new ArrayList<>();
        for (var e : seen.entrySet()) {
            for (String secret : secrets) {
                if (e.getValue().contains(secret)) leaks.add(secret + " in " + e.getKey());
            }
        }
        assertThat(leaks).as("secrets found").isEmpty();
    }
}
