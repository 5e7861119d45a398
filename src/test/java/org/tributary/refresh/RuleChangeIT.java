package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
import org.tributary.store.ItemQuery;
import org.tributary.store.Store;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.StoredItems;
import org.tributary.web.SourceStatus;

/**
 * Rules against a real partner server (which answers our validators with 304) and a real H2 file: a change of rules
 * applies to the entries still in the feed at the next fetch, though the document has not changed; and a JSON Feed
 * source goes the same way as RSS.
 */
class RuleChangeIT {

    private static final String DROP_TAPPING = """
            filters:
              - when: { text: "(?i)tapping your team" }
                action: drop
            """;

    @TempDir
    Path dataDir;

    private PartnerServer partners;
    private Database database;
    private Store store;
    private Fetcher fetcher;
    private Refresher refresher;
    private String yaml;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        yaml = partners.feedsYml("http://localhost:8080", "30m");
        Config config = new ConfigLoader().parse("feeds.yml", yaml);
        database = Database.h2(dataDir);
        store = new Store(database, true);
        fetcher = new Fetcher(config.fetch(), InstantSource.system());
        refresher = new Refresher(fetcher, new FeedParser(), new Normalizer(config.site().excerptChars()), store,
                InstantSource.system(), new SplittableRandom(), RefreshListener.NONE);
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        database.close();
        partners.close();
    }

    private Source rss(String extra) throws Exception {
        return new ConfigLoader().parse("feeds.yml", yaml + extra).source("programming-librarian").orElseThrow();
    }

    private List<String> titles() {
        return StoredItems.of(store, ItemQuery.newest(50)).stream().map(s -> s.item().title()).toList();
    }

    @Test
    void aNewFilterAppliesAtTheNextFetchThoughTheServerWouldAnswer304() throws Exception {
        assertThat(refresher.refresh(rss("")).outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(titles()).contains("Tapping Your Team Talents");
        assertThat(refresher.refresh(rss("")).outcome()).as("same rules: validators, 304")
                .isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);

        RefreshReport changed = refresher.refresh(rss(DROP_TAPPING));
        RefreshReport again = refresher.refresh(rss(DROP_TAPPING));

        var requests = partners.requests(PartnerServer.RSS);
        assertThat(requests.get(2).getHeaders().get("If-None-Match")).as("rules changed: no validators").isNull();
        assertThat(changed.outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(titles()).hasSize(2).doesNotContain("Tapping Your Team Talents");
        assertThat(requests.get(3).getHeaders().get("If-None-Match")).as("the new rules stored: validators again")
                .isNotNull();
        assertThat(again.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        Config config = new ConfigLoader().parse("feeds.yml", yaml + DROP_TAPPING);
        SourceStatus status = new SourceStatus(() -> config, store, id -> Optional.empty());
        assertThat(status.rows()).filteredOn(r -> r.id().equals("programming-librarian"))
                .extracting(SourceStatus.Row::droppedItems).containsExactly(1);

        refresher.refresh(rss(""));
        assertThat(titles()).as("the filter removed: the item comes back").contains("Tapping Your Team Talents");
    }

    @Test
    void aJsonFeedSourceIsFetchedParsedAndFilteredLikeRss() throws Exception {
        partners.serve("/branch.json", """
                {"version": "https://jsonfeed.org/version/1.1", "title": "Branch",
                 "items": [
                   {"id": "1", "url": "https://branch.example/1", "title": "Storytime on Monday",
                    "content_html": "<p>Songs</p>", "date_published": "2026-01-05T10:00:00Z", "tags": ["Kids"]},
                   {"id": "2", "url": "https://branch.example/2", "title": "Sponsored: new e-readers",
                    "content_text": "Buy one", "date_published": "2026-01-04T10:00:00Z"},
                   {"id": "3", "title": {"not": "text"}}
                 ]}
                """);
        Config config = new ConfigLoader().parse("feeds.yml", yaml + """
                  - id: branch
                    title: Branch
                    url: %s
                filters:
                  - when: { title: "(?i)^sponsored" }
                    action: drop
                """.formatted(partners.url("/branch.json")));

        RefreshReport report = refresher.refresh(config.source("branch").orElseThrow());

        assertThat(report.outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(titles()).containsExactly("Storytime on Monday");
        assertThat(StoredItems.of(store, ItemQuery.newest(50)).get(0).item().categories()).containsExactly("Kids");
    }
}
