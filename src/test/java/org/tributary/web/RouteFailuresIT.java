package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;
import org.tributary.testing.Postgres;
import org.tributary.testing.PostgresServer;

/**
 * Routes that throw, over real HTTP: a live schedule whose lookup fails under /status, and a database server that
 * goes away under the admin API and an unrendered feed. The answers are short and say nothing of the exception; the
 * log gets its cause once, not a stack trace per request.
 */
class RouteFailuresIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "route-failures-token-0123456789abcdef";
    /** Words of the exceptions below that no answer may carry. */
    private static final String SECRET = "/srv/secret/quartz.properties";

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(RouteFailures.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Database database;
    private WebServer web;
    private int port;

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void close() {
        logger.detachAppender(appender);
        if (web != null) web.close();
        if (database != null) database.close();
    }

    private void serve(Database db, java.util.function.Function<String, Optional<Instant>> nextFetch) throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", WebFixture.yaml(null));
        database = db;
        Store store = new Store(db, true);
        WebServer.Admin admin = new WebServer.Admin(TOKEN, "nonce-1", dir, id -> Optional.empty(), d -> 0, null);
        web = new WebServer(WebServer.Parts.of(() -> config, store, db, new Publisher(),
                new SourceStatus(() -> config, store, nextFetch)).withAdmin(admin));
        port = web.start("127.0.0.1", 0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> hide(String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/items/" + id + "/hide"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long tracesLogged() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null)
                .count();
    }

    @Test
    void aRouteThatThrowsAnswersAShort500AndTheLogGetsTheCauseOnceNotATracePerRequest() throws Exception {
        serve(Database.h2(dir.resolve("data")), id -> {
            throw new IllegalStateException("schedule: cannot read " + SECRET);
        });
        long started = System.nanoTime();
        int requests = 20;
        for (int i = 0; i < requests; i++) {
            for (String path : new String[] {"/status", "/status.html"}) {
                HttpResponse<String> r = get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(500);
                assertThat(r.body()).as(path).isEqualTo("internal error\n");
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                        .startsWith("text/plain"));
                assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
                assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("/status has no CORS").isEmpty();
            }
        }
        // One trace per distinct cause per minute: the two routes fail at one place, so one trace (or one more for
        // each minute the loop took on a loaded machine), the rest counted.
        long minutes = Duration.ofNanos(System.nanoTime() - started).toMinutes();
        assertThat(tracesLogged()).isBetween(1L, 1 + minutes);
        ILoggingEvent first = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst()
                .orElseThrow();
        assertThat(first.getFormattedMessage()).startsWith("web: GET /status").contains("IllegalStateException")
                .contains(SECRET);
    }

    @Test
    void aDatabaseServerThatWentAwayGives503sWithRetryAfterAndTheFeedsKeepTheirCors() throws Exception {
        try (PostgresServer postgres = new PostgresServer(dir.resolve("pg"))) {
            String url = postgres.createDatabase("routes");
            serve(Database.open(url, Postgres.USER, Postgres.PASSWORD), id -> Optional.<Instant>empty());
            assertThat(get("/health").statusCode()).isEqualTo(200);
            assertThat(hide("no-such-item").statusCode()).as("the route works while the server is up")
                    .isEqualTo(404);

            postgres.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> get("/health").statusCode() == 503);

            HttpResponse<String> admin = hide("no-such-item");
            assertThat(admin.statusCode()).isEqualTo(503);
            assertThat(admin.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(admin.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            assertThat(admin.body()).contains("temporarily unavailable").doesNotContainIgnoringCase("select")
                    .doesNotContain("jdbc:").doesNotContain("refused");
            assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).as("no CORS on /admin/").isEmpty();

            // A feed never rendered has no copy in memory: 503, readable by a page's fetch on another origin.
            HttpResponse<String> feed = get("/feed.json?type=Webinar");
            assertThat(feed.statusCode()).isEqualTo(503);
            assertThat(feed.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(feed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(feed.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(feed.body()).isEqualTo("temporarily unavailable; try again\n");
            // The store's failure is the store's to log (once a minute); the routes add no line of their own.
            assertThat(tracesLogged()).isZero();
        }
    }
}
