package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.ParsedFeed;
import org.tributary.testing.StoredItems;
import org.tributary.web.SourceStatus;

/**
 * Drop and keep rules against a real H2 file, as a refresh runs them: normalize with what the store knows, save,
 * read what is published and what /status says. A change of rules applies to entries still in the feed.
 */
class RuledOutIT {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final URI BASE = URI.create("https://p.example.org/feed");
    private static final String HEAD = """
            site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
            sources:
              - id: p
                title: P
                url: https://p.example.org/feed
              - id: q
                title: Q
                url: https://q.example.org/feed
            """;

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;
    private final Normalizer normalizer = new Normalizer(100);

    @BeforeEach
    void open() {
        database = Database.h2(dataDir);
        store = new Store(database, true);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aNewDropFilterTakesStoredItemsOutAtTheNextFetchAndRemovingItBringsThemBack() throws Exception {
        Config plain = new ConfigLoader().parse("feeds.yml", HEAD);
        fetch(plain, "p", T0);
        assertThat(publishedTitles()).containsExactly("Storytime", "Sponsored: new e-reader", "Closed Monday");

        Config filtered = new ConfigLoader().parse("feeds.yml", HEAD + """
                filters:
                  - when: { text: "(?i)sponsored" }
                    action: drop
                """);
        long version = store.version().version();
        fetch(filtered, "p", T0.plusSeconds(600));

        assertThat(publishedTitles()).containsExactly("Storytime", "Closed Monday");
        assertThat(store.version().version()).as("published documents are rendered again").isGreaterThan(version);
        assertThat(dropped(filtered, "p")).isEqualTo(1);

        fetch(plain, "p", T0.plusSeconds(1200));
        assertThat(publishedTitles()).containsExactly("Storytime", "Sponsored: new e-reader", "Closed Monday");
        assertThat(dropped(plain, "p")).isZero();
    }

    @Test
    void keepRulesPublishOnlyWhatTheyMatchAndStatusCountsTheRestPerSource() throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", HEAD.replace("""
                    url: https://p.example.org/feed
                """, """
                    url: https://p.example.org/feed
                    rules:
                      - when: { title: "(?i)storytime" }
                        action: keep
                """));
        fetch(config, "p", T0);
        fetch(config, "q", T0);

        assertThat(publishedTitles()).containsExactlyInAnyOrder("Storytime",
                "Storytime", "Sponsored: new e-reader", "Closed Monday");
        assertThat(dropped(config, "p")).isEqualTo(2);
        assertThat(dropped(config, "q")).isZero();
        assertThat(status(config).json()).contains("\"dropped_items\" : 2");
    }

    @Test
    void aHiddenItemStaysHiddenWhenARuleAlsoDropsIt() throws Exception {
        Config plain = new ConfigLoader().parse("feeds.yml", HEAD);
        fetch(plain, "p", T0);
        String closed = StoredItems.of(store, ItemQuery.newest(50)).stream().filter(s -> s.item().title().equals("Closed Monday"))
                .findFirst().orElseThrow().item().publicId();
        store.setHidden(closed, true, T0.plusSeconds(1));

        Config dropping = new ConfigLoader().parse("feeds.yml", HEAD + """
                filters:
                  - when: { title: "Closed" }
                    action: drop
                """);
        fetch(dropping, "p", T0.plusSeconds(600));
        fetch(plain, "p", T0.plusSeconds(1200));

        assertThat(publishedTitles()).containsExactly("Storytime", "Sponsored: new e-reader");
    }

    private void fetch(Config config, String sourceId, Instant now) {
        Source source = config.source(sourceId).orElseThrow();
        NormalizedFeed feed = normalizer.normalize(document(sourceId), source, store.knownEntries(sourceId));
        store.saveFetched(sourceId, new FetchedDocument(source.url().toString(), null, null, null), feed, 500, null,
                false, null, now);
    }

    private List<String> publishedTitles() {
        return StoredItems.of(store, ItemQuery.newest(50)).stream().map(s -> s.item().title()).toList();
    }

    private int dropped(Config config, String sourceId) {
        return status(config).rows().stream().filter(r -> r.id().equals(sourceId)).findFirst().orElseThrow()
                .droppedItems();
    }

    private SourceStatus status(Config config) {
        return new SourceStatus(() -> config, store, id -> Optional.empty());
    }

    private static ParsedFeed document(String sourceId) {
        return new ParsedFeed("rss_2.0", "Feed", null, BASE, List.of(
                entry(sourceId, "1", "Storytime", "<p>Songs for toddlers</p>", T0.minusSeconds(60)),
                entry(sourceId, "2", "Sponsored: new e-reader", "<p>Buy one</p>", T0.minusSeconds(120)),
                entry(sourceId, "3", "Closed Monday", "<p>All branches</p>", T0.minusSeconds(180))));
    }

    private static ParsedFeed.Entry entry(String sourceId, String guid, String title, String html, Instant published) {
        return new ParsedFeed.Entry(sourceId + "-" + guid, "https://" + sourceId + ".example.org/" + guid, title, html,
                null, List.of(), List.of(), published, null, null, BASE);
    }
}
