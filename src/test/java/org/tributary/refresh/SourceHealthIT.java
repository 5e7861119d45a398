package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import org.tributary.fetch.Fetcher;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParser;
import org.tributary.store.Database;
import org.tributary.store.SourceHealth;
import org.tributary.store.Store;
import org.tributary.testing.TestClock;
import org.tributary.web.SourceStatus;

/** Health over real HTTP and a real H2 file, with a clock the test moves: no sleeps, no wall-clock assertions. */
class SourceHealthIT {

    private static final String FEED = """
            <rss version="2.0"><channel><title>t</title><link>https://example.org/</link>
            <item><guid>1</guid><title>One</title><link>https://example.org/1</link></item></channel></rss>""";

    @TempDir
    Path dataDir;

    private final MockWebServer server = new MockWebServer();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private Database database;
    private Store store;
    private Fetcher fetcher;
    private Refresher refresher;
    private Config config;
    private Source source;

    @BeforeEach
    void setUp() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        String base = "http://127.0.0.1:" + server.getPort();
        config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                fetch: { allow_private: ["127.0.0.1:%d"], timeout: 5s }
                sources:
                  - { id: src, title: Source, url: "%s/old", every: 30m }
                """.formatted(server.getPort(), base));
        source = config.source("src").orElseThrow();
        database = Database.h2(dataDir);
        store = new Store(database, true);
        fetcher = new Fetcher(config.fetch(), clock);
        refresher = new Refresher(fetcher, new FeedParser(), new Normalizer(250), store, clock, new SplittableRandom(7),
                RefreshListener.NONE);
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        database.close();
        server.close();
    }

    private static MockResponse feed() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml").body(FEED).build();
    }

    private static MockResponse status(int code, String retryAfter) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        if (retryAfter != null) b.addHeader("Retry-After", retryAfter);
        return b.build();
    }

    private SourceHealth health() {
        return store.state("src").health();
    }

    private RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void aSkippedTurnReachesTheListenersSoThatMetricsCountIt() {
        java.util.List<RefreshReport> heard = new java.util.ArrayList<>();
        Refresher listened = new Refresher(fetcher, new FeedParser(), new Normalizer(250), store, clock,
                new SplittableRandom(7), (s, report) -> heard.add(report));
        server.enqueue(status(429, "7200"));
        listened.refresh(source);
        clock.advance(Duration.ofMinutes(10));
        listened.refresh(source);

        assertThat(heard).extracting(RefreshReport::outcome)
                .containsExactly(RefreshReport.Outcome.FAILED, RefreshReport.Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void sends429RetryAfterSecondsAreHonouredOnTheClock() throws Exception {
        server.enqueue(status(429, "7200"));
        server.enqueue(feed());
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.FAILED);
        assertThat(health().state()).isEqualTo(SourceHealth.State.RATE_LIMITED);
        assertThat(health().notBefore()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));

        clock.advance(Duration.ofMinutes(119));
        RefreshReport early = refresher.refresh(source);
        assertThat(early.outcome()).isEqualTo(RefreshReport.Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(health().state()).isEqualTo(SourceHealth.State.OK);
        assertThat(store.state("src").consecutiveFailures()).isZero();
    }

    @Test
    void a503RetryAfterHttpDateIsHonouredAndBoundedTo24Hours() {
        String inThreeDays = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC));
        server.enqueue(status(503, inThreeDays));
        refresher.refresh(source);
        assertThat(health().state()).isEqualTo(SourceHealth.State.RATE_LIMITED);
        assertThat(health().notBefore()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void goneStopsTheSourceUntilAnOperatorResetsIt() {
        server.enqueue(status(410, null));
        server.enqueue(feed());
        refresher.refresh(source);
        assertThat(health().state()).isEqualTo(SourceHealth.State.GONE);
        clock.advance(Duration.ofDays(30));
        RefreshReport skipped = refresher.refresh(source);
        assertThat(skipped.outcome()).isEqualTo(RefreshReport.Outcome.SKIPPED);
        assertThat(skipped.error()).contains("tributary reset src");
        assertThat(server.getRequestCount()).isEqualTo(1);
        SourceStatus.Row row = new SourceStatus(() -> config, store, id -> Optional.empty()).rows().get(0);
        assertThat(row.state()).isEqualTo("gone");
        assertThat(row.nextFetchAt()).isNull();

        assertThat(store.resetHealth("src")).isTrue();
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void failuresBackOffAndSuccessResetsTheBackoff() {
        server.enqueue(status(404, null));
        server.enqueue(status(404, null));
        server.enqueue(feed());
        refresher.refresh(source);
        assertThat(health().state()).isEqualTo(SourceHealth.State.FAILING);
        clock.advance(Duration.ofMinutes(30));
        refresher.refresh(source);
        assertThat(health().state()).isEqualTo(SourceHealth.State.BACKING_OFF);
        Instant notBefore = health().notBefore();
        // two intervals ± 25%
        assertThat(Duration.between(clock.instant(), notBefore)).isBetween(Duration.ofMinutes(44), Duration.ofMinutes(76));
        clock.advance(Duration.ofMinutes(30));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(60));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(health().notBefore()).isNull();
        assertThat(health().state()).isEqualTo(SourceHealth.State.OK);
    }

    @Test
    void aPermanentRedirectSeenOnThreeFetchesMovesTheSourceAndStatusSaysSo() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/old")) {
                    return new MockResponse.Builder().code(301).addHeader("Location", "/moved").build();
                }
                return feed();
            }
        });
        for (int i = 1; i <= 3; i++) {
            assertThat(refresher.refresh(source).outcome()).isNotEqualTo(RefreshReport.Outcome.FAILED);
            assertThat(take().getUrl().encodedPath()).isEqualTo("/old");
            assertThat(take().getUrl().encodedPath()).isEqualTo("/moved");
            clock.advance(Duration.ofMinutes(31));
        }
        assertThat(health().state()).isEqualTo(SourceHealth.State.MOVED);
        refresher.refresh(source);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/moved");
        assertThat(server.getRequestCount()).isEqualTo(7);

        SourceStatus status = new SourceStatus(() -> config, store, id -> Optional.empty());
        SourceStatus.Row row = status.rows().get(0);
        assertThat(row.state()).isEqualTo("moved");
        assertThat(row.movedTo()).endsWith("/moved");
        assertThat(row.url()).endsWith("/old"); // feeds.yml's URL, untouched
        assertThat(status.json()).contains("moved to http://127.0.0.1:" + server.getPort() + "/moved");
    }

    @Test
    void aTemporaryRedirectNeverMovesTheSource() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/old")) {
                    return new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build();
                }
                return feed();
            }
        });
        for (int i = 0; i < 5; i++) {
            refresher.refresh(source);
            clock.advance(Duration.ofMinutes(31));
        }
        // The same document every time: after the first it is answered like a 304 (not-modified), never "moved".
        assertThat(health().state()).isEqualTo(SourceHealth.State.NOT_MODIFIED);
        assertThat(health().redirectStreak()).isZero();
        refresher.refresh(source);
        for (int i = 0; i < 10; i++) take();
        assertThat(take().getUrl().encodedPath()).isEqualTo("/old");
    }

    @Test
    void aMixedChainOfPermanentAndTemporaryHopsIsNotAMove() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getUrl().encodedPath()) {
                    case "/old" -> new MockResponse.Builder().code(308).addHeader("Location", "/hop").build();
                    case "/hop" -> new MockResponse.Builder().code(307).addHeader("Location", "/end").build();
                    default -> feed();
                };
            }
        });
        for (int i = 0; i < 4; i++) {
            refresher.refresh(source);
            clock.advance(Duration.ofMinutes(31));
        }
        assertThat(health().state()).isEqualTo(SourceHealth.State.NOT_MODIFIED);   // the same document each time
        assertThat(health().movedTo()).isNull();
    }

    @Test
    void theFeedsTtlIsHonouredAfterThe304sThatFollow() {
        String withTtl = FEED.replace("<link>https://example.org/</link>", "<link>https://example.org/</link><ttl>120</ttl>");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .addHeader("ETag", "\"v1\"").body(withTtl).build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
        refresher.refresh(source);
        clock.advance(Duration.ofMinutes(60));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.SKIPPED);
        clock.advance(Duration.ofMinutes(60));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(health().state()).isEqualTo(SourceHealth.State.NOT_MODIFIED);
        clock.advance(Duration.ofMinutes(60));
        assertThat(refresher.refresh(source).outcome()).as("ttl still applies after a 304")
                .isEqualTo(RefreshReport.Outcome.SKIPPED);
        clock.advance(Duration.ofMinutes(60));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void cacheControlMaxAgeDefersTheNextFetch() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .addHeader("Cache-Control", "public, max-age=7200").body(FEED).build());
        refresher.refresh(source);
        assertThat(health().notBefore()).isAfter(clock.instant().plus(Duration.ofMinutes(110)));
        clock.advance(Duration.ofMinutes(30));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
