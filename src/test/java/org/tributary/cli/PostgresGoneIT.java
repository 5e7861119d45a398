package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Http;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.Postgres;
import org.tributary.testing.PostgresServer;

/**
 * The packaged serve on a PostgreSQL server of the test's own, which is stopped while serving and started again:
 * the published feeds stay up from memory, /health and /status say the database is unreachable without hanging,
 * the log says so once (then once a minute), and the same process publishes again once the server is back.
 */
class PostgresGoneIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private PartnerServer partners;
    private PostgresServer postgres;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
        Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m"));
        postgres = new PostgresServer(dir.resolve("pg"));
    }

    @AfterEach
    void tearDown() {
        partners.close();
        postgres.close();
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        return Http.get(url, headers);
    }

    private static JsonNode status(Program serve) throws Exception {
        return Http.json(serve.url("/status"));
    }

    @Test
    void feedsStayUpWhilePostgresIsGoneHealthSaysWhyAndPublishingResumesWhenItIsBack() throws Exception {
        String url = postgres.createDatabase("tributary");
        Map<String, String> env = Map.of("TRIBUTARY_DB_URL", url, "TRIBUTARY_DB_USER", Postgres.USER,
                "TRIBUTARY_DB_PASSWORD", Postgres.PASSWORD);
        try (Program serve = Program.serve(config, dir.resolve("data"), env, "--test-every", "PT2S")) {
            Http.awaitPublished(serve.url("/status"), WAIT);
            HttpResponse<String> before = get(serve.url("/feed.atom"));
            String etag = before.headers().firstValue("ETag").orElseThrow();
            assertThat(get(serve.url("/health")).statusCode()).isEqualTo(200);
            int logBefore = serve.stderr().length();

            postgres.stop();

            await().atMost(WAIT).until(() -> get(serve.url("/health")).statusCode() == 503);
            assertThat(get(serve.url("/health")).body()).contains("database unreachable");
            // The published bytes stay published, from memory, with their validators.
            HttpResponse<String> feed = get(serve.url("/feed.atom"));
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.body()).isEqualTo(before.body());
            assertThat(get(serve.url("/feed.atom"), "If-None-Match", etag).statusCode()).isEqualTo(304);
            // /status answers from what it last read, at once, again and again.
            for (int i = 0; i < 5; i++) {
                JsonNode status = status(serve);
                assertThat(status.path("store").path("state").asText()).isEqualTo("failing");
                assertThat(status.path("store").path("reason").asText()).isEqualTo("database unreachable");
                assertThat(status.path("sources").size()).isEqualTo(3);
                assertThat(status.toString()).doesNotContainIgnoringCase("select ").doesNotContain("jdbc:")
                        .doesNotContain("127.0.0.1:" + url.replaceAll(".*:(\\d+)/.*", "$1"));
            }
            HttpResponse<String> page = get(serve.url("/status.html"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("database unreachable").doesNotContainIgnoringCase("select ")
                    .doesNotContain("jdbc:");

            // Every request, the probe and the scheduler go on meeting the failure; the log says so once with the
            // cause, then once a minute, with no stack trace.
            await().atMost(WAIT).until(() -> serve.stderr().substring(logBefore).contains("store: still failing"));
            String during = serve.stderr().substring(logBefore);
            assertThat(during.lines().filter(l -> l.contains("store: failing")).count()).as(during).isEqualTo(1);
            assertThat(during).contains("database unreachable");
            assertThat(during).as("no stack trace while the database is gone").doesNotContain("\tat ");

            postgres.start();

            await().atMost(WAIT).until(() -> get(serve.url("/health")).statusCode() == 200);
            assertThat(status(serve).path("store").path("state").asText()).isEqualTo("ok");
            assertThat(serve.stderr()).contains("store: recovered");
            // Writes reach the database again: a partner's new item is published by the same process.
            partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS).replaceFirst("<item>",
                    "<item><title>After the database came back</title><link>https://example.org/back</link>"
                            + "<guid>back-1</guid></item><item>"));
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).body()
                    .contains("After the database came back"));
            assertThat(serve.terminate()).isZero();
        }
    }
}
