package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
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

/**
 * What one refresh asks of the database, counted by H2 itself (its query statistics) on a real file: the source's
 * row is read once, nothing on the refresh path counts items, and a 304 is one statement on the row.
 */
class SourceStateReadsIT {

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
    private Source source;

    @BeforeEach
    void setUp() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                fetch: { allow_private: ["127.0.0.1:%d"], timeout: 5s }
                sources:
                  - { id: src, title: Source, url: "http://127.0.0.1:%d/feed", every: 30m }
                """.formatted(server.getPort(), server.getPort()));
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

    @Test
    void aNotModifiedRefreshReadsTheSourcesRowOnceAndWritesItOnce() throws SQLException {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .addHeader("ETag", "\"v1\"").body(FEED).build());
        refresher.refresh(source);
        clock.advance(Duration.ofHours(1));
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());

        Map<String, Long> statements = counted(() -> refresher.refresh(source));

        assertThat(store.state("src").health().state()).isEqualTo(SourceHealth.State.NOT_MODIFIED);
        assertThat(matching(statements, "select", "source_state")).isEqualTo(1);
        assertThat(matching(statements, "update", "source_state")).isEqualTo(1);
        assertThat(matching(statements, "", "count(")).isZero();
        assertThat(matching(statements, "", "item ")).isZero();
    }

    @Test
    void aFailedRefreshReadsTheRowOnceAndCountsTheFailureInTheSameStatementThatWritesIt() throws SQLException {
        server.enqueue(new MockResponse.Builder().code(500).build());
        refresher.refresh(source);
        clock.advance(Duration.ofHours(1));
        server.enqueue(new MockResponse.Builder().code(500).build());

        Map<String, Long> statements = counted(() -> refresher.refresh(source));

        assertThat(store.state("src").consecutiveFailures()).isEqualTo(2);
        assertThat(store.state("src").health().state()).isEqualTo(SourceHealth.State.BACKING_OFF);
        assertThat(matching(statements, "select", "source_state")).isEqualTo(1);
        assertThat(matching(statements, "update", "source_state")).isEqualTo(1);
        assertThat(matching(statements, "", "count(")).isZero();
    }

    @Test
    void aFetchWithNewItemsReadsTheRowOnceAndCountsNoItems() throws SQLException {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .body(FEED).build());

        Map<String, Long> statements = counted(() -> refresher.refresh(source));

        assertThat(store.itemCounts()).containsEntry("src", 1L);
        assertThat(matching(statements, "select", "source_state")).isEqualTo(1);
        assertThat(matching(statements, "", "count(")).isZero();
    }

    /** Every statement the work ran, by its SQL text, with how often it ran. */
    private Map<String, Long> counted(Runnable work) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS FALSE");
            s.execute("SET QUERY_STATISTICS TRUE");
            work.run();
            Map<String, Long> counts = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
            }
            s.execute("SET QUERY_STATISTICS FALSE");
            counts.keySet().removeIf(sql -> sql.contains("QUERY_STATISTICS"));
            return counts;
        }
    }

    /** How many executions of statements that start with {@code verb} (any, if empty) and mention {@code text}. */
    private static long matching(Map<String, Long> statements, String verb, String text) {
        return statements.entrySet().stream()
                .filter(e -> {
                    String sql = e.getKey().toLowerCase(Locale.ROOT).strip();
                    return sql.startsWith(verb) && sql.contains(text);
                })
                .mapToLong(Map.Entry::getValue).sum();
    }
}
