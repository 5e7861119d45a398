package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.tributary.store.Store;
import org.tributary.testing.TestClock;

/**
 * Adaptive polling over real HTTP and a real H2 file, with a clock the test moves: a quiet feed (one post every 12
 * hours) is asked again no sooner than 6 hours later, and keeps that spacing after 304s and after the very same
 * document again, across a restart (the post dates live in the source's state, not in memory).
 */
class AdaptivePollingIT {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration POST_GAP = Duration.ofHours(12);
    /** Half the mean gap between posts, less the grace of a 30-minute interval (a tenth, at most a minute). */
    private static final Duration SPACING = POST_GAP.dividedBy(2).minus(Duration.ofMinutes(1));
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private final MockWebServer server = new MockWebServer();
    private final TestClock clock = new TestClock(START);
    /** Whether the partner honours If-None-Match (a 304) or sends the same bytes again (a 200). */
    private final AtomicBoolean answers304 = new AtomicBoolean(true);
    private Database database;
    private Store store;
    private Fetcher fetcher;
    private Refresher refresher;
    private Source source;

    @BeforeEach
    void setUp() throws Exception {
        String feed = quietFeed();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (answers304.get() && "\"v1\"".equals(request.getHeaders().get("If-None-Match"))) {
                    return new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build();
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                        .addHeader("ETag", "\"v1\"").body(feed).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                fetch: { allow_private: ["127.0.0.1:%d"], timeout: 5s }
                sources:
                  - { id: quiet, title: Quiet, url: "http://127.0.0.1:%d/feed", every: 30m, fetch: { adaptive: true } }
                """.formatted(server.getPort(), server.getPort()));
        source = config.source("quiet").orElseThrow();
        fetcher = new Fetcher(config.fetch(), clock);
        open();
    }

    private void open() {
        database = Database.h2(dataDir);
        store = new Store(database, true);
        refresher = new Refresher(fetcher, new FeedParser(), new Normalizer(250), store, clock, new SplittableRandom(7),
                RefreshListener.NONE);
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        database.close();
        server.close();
    }

    /** Ten posts, one every 12 hours, the newest a day before the test starts. */
    private static String quietFeed() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            Instant date = START.minus(Duration.ofDays(1)).minus(POST_GAP.multipliedBy(i));
            items.append("<item><guid>post-").append(i).append("</guid><title>Post ").append(i)
                    .append("</title><link>https://quiet.example.org/").append(i).append("</link><pubDate>")
                    .append(RFC_1123.format(date)).append("</pubDate></item>");
        }
        return "<rss version=\"2.0\"><channel><title>Quiet</title><link>https://quiet.example.org/</link>"
                + items + "</channel></rss>";
    }

    /** Moves the clock to the source's "not before" and refreshes it there. */
    private RefreshReport refreshWhenDue() {
        Instant notBefore = store.state("quiet").health().notBefore();
        assertThat(notBefore).as("adaptive polling set a time before which the source is not asked").isNotNull();
        clock.advance(Duration.between(clock.instant(), notBefore));
        return refresher.refresh(source);
    }

    @Test
    void aQuietFeedKeepsItsSpacingAcross304sAndTheSameDocumentAgain() {
        RefreshReport first = refresher.refresh(source);
        assertThat(first.outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(first.notBefore()).isEqualTo(START.plus(SPACING));
        assertThat(store.state("quiet").postDates()).hasSize(10).first().isEqualTo(START.minus(Duration.ofDays(1)));

        // Asked too early (the schedule fires every 30 minutes): no request at all.
        clock.advance(Duration.ofMinutes(30));
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isEqualTo(1);

        for (int turn = 0; turn < 3; turn++) {
            RefreshReport again = refreshWhenDue();
            assertThat(again.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.notBefore()).as("turn %d", turn).isEqualTo(clock.instant().plus(SPACING));
        }

        // The partner stops honouring validators: the same bytes again are read like a 304, spacing kept.
        answers304.set(false);
        RefreshReport same = refreshWhenDue();
        assertThat(same.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.notBefore()).isEqualTo(clock.instant().plus(SPACING));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void thePostDatesOutliveARestart() {
        refresher.refresh(source);
        database.close();
        open();

        RefreshReport afterRestart = refreshWhenDue();

        assertThat(afterRestart.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(afterRestart.notBefore()).isEqualTo(clock.instant().plus(SPACING));
    }
}
