package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.tributary.store.Moderation;
import org.tributary.store.StoredItem;
import org.tributary.store.Store;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.StoredItems;
import org.tributary.web.SourceStatus;

/**
 * moderation: hold against a real partner server and a real H2 file: a held source's new items are stored but
 * published nowhere until approved; an approved item comes out under its own date; a rejected one stays out
 * whatever the partner sends again.
 */
class ModerationIT {

    private static final String TEAM = "Tapping Your Team Talents";
    private static final String HEART = "Getting to the Heart of the Community Through Discovery";
    private static final String LISTENING =
            "Always Be Listening: How Public Libraries are Approaching Community Engagement as a Mindset";

    @TempDir
    Path dataDir;

    private PartnerServer partners;
    private Database database;
    private Store store;
    private Moderation moderation;
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
        moderation = new Moderation(database);
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

    /** The config with programming-librarian on the given moderation. */
    private Config config(String mode) throws Exception {
        return new ConfigLoader().parse("feeds.yml", yaml.replace("""
                    kind: partner
                    topics: [partnerships]
                """, """
                    kind: partner
                    topics: [partnerships]
                    moderation: %s
                """.formatted(mode)));
    }

    private void refreshAll(Config config) {
        for (Source s : config.sources()) {
            assertThat(refresher.refresh(s).outcome()).as(s.id()).isEqualTo(RefreshReport.Outcome.FETCHED);
        }
    }

    private List<String> titles(ItemQuery query) {
        return StoredItems.of(store, query).stream().map(s -> s.item().title()).toList();
    }

    private String heldId(String title) {
        return moderation.pending(50).stream().filter(h -> h.title().equals(title)).findFirst().orElseThrow().id();
    }

    @Test
    void aHeldSourcesItemsWaitOutOfEveryViewAndAreCountedOnStatus() throws Exception {
        Config config = config("hold");
        assertThat(config.source("programming-librarian").orElseThrow().itemOptions().hold()).isTrue();
        refreshAll(config);

        List<String> published = titles(ItemQuery.newest(50));
        assertThat(published).hasSize(4).doesNotContain(TEAM, HEART, LISTENING);
        assertThat(titles(new ItemQuery(Set.of(), Set.of("partnerships"), Set.of(), 50))).doesNotContain(TEAM, HEART);
        assertThat(titles(new ItemQuery(Set.of(), Set.of(), Set.of("programming-librarian"), 50))).isEmpty();
        assertThat(moderation.pending(50)).extracting(Moderation.Held::title)
                .containsExactlyInAnyOrder(TEAM, HEART, LISTENING);
        assertThat(moderation.pending(50)).allSatisfy(h -> assertThat(h.source()).isEqualTo("programming-librarian"));
        assertThat(store.heldItems()).isEqualTo(Map.of("programming-librarian", 3));
        SourceStatus.Row row = new SourceStatus(() -> config, store, id -> Optional.empty()).rows().stream()
                .filter(r -> r.id().equals("programming-librarian")).findFirst().orElseThrow();
        assertThat(row.heldItems()).isEqualTo(3);
        assertThat(row.items()).as("held items are stored").isEqualTo(3);
    }

    @Test
    void anApprovedItemIsPublishedUnderItsOwnDateAndARejectedOneNeverComesBack() throws Exception {
        Config config = config("hold");
        refreshAll(config);
        long before = store.version().version();

        assertThat(moderation.approve(heldId(TEAM), Instant.now())).isTrue();
        assertThat(store.version().version()).as("an approval republishes").isGreaterThan(before);
        List<StoredItem> all = StoredItems.of(store, ItemQuery.newest(50));
        StoredItem team = all.stream().filter(s -> s.item().title().equals(TEAM)).findFirst().orElseThrow();
        assertThat(team.date()).as("its own date, not the approval's").isEqualTo(Instant.parse("2019-03-05T10:00:00Z"));
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).date()).as("newest first").isAfterOrEqualTo(all.get(i).date());
        }
        assertThat(moderation.approve(heldId(HEART), Instant.now())).isTrue();

        String listening = heldId(LISTENING);
        assertThat(moderation.reject(listening, Instant.now())).isTrue();
        assertThat(moderation.pending(50)).isEmpty();
        assertThat(moderation.approve(listening, Instant.now())).as("a rejected item is not held").isFalse();
        assertThat(store.heldItems()).isEmpty();

        // The partner edits the rejected entry; the refetch updates the row, and it stays out.
        partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS)
                .replace("ALA Annual is always overflowing", "ALA Annual, edited, is always overflowing"));
        assertThat(refresher.refresh(config.source("programming-librarian").orElseThrow()).updated()).isEqualTo(1);
        assertThat(titles(ItemQuery.newest(50))).contains(TEAM, HEART).doesNotContain(LISTENING);
        assertThat(moderation.pending(50)).isEmpty();

        // Nor when the source is no longer held.
        partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS)
                .replace("ALA Annual is always overflowing", "ALA Annual, edited twice, is always overflowing"));
        assertThat(refresher.refresh(config("publish").source("programming-librarian").orElseThrow()).updated())
                .isEqualTo(1);
        assertThat(titles(ItemQuery.newest(50))).doesNotContain(LISTENING);
    }

    @Test
    void turningHoldOnHoldsOnlyWhatIsNewAndTurningItOffLeavesTheHeldWaiting() throws Exception {
        refreshAll(config("publish"));
        assertThat(titles(ItemQuery.newest(50))).contains(TEAM, HEART, LISTENING);

        partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS).replaceFirst("<item>", """
                <item><title>Sponsored webinar</title><link>https://programminglibrarian.example/sponsored</link>
                <guid>pl-sponsored</guid><pubDate>Mon, 01 Jul 2019 10:00:00 GMT</pubDate></item>
                <item>"""));
        Source held = config("hold").source("programming-librarian").orElseThrow();
        assertThat(refresher.refresh(held).added()).isEqualTo(1);
        assertThat(titles(ItemQuery.newest(50))).as("what was published stays").contains(TEAM, HEART, LISTENING)
                .doesNotContain("Sponsored webinar");
        assertThat(moderation.pending(50)).extracting(Moderation.Held::title).containsExactly("Sponsored webinar");

        partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS).replaceFirst("<item>", """
                <item><title>Sponsored webinar, edited</title><link>https://programminglibrarian.example/sponsored</link>
                <guid>pl-sponsored</guid><pubDate>Mon, 01 Jul 2019 10:00:00 GMT</pubDate></item>
                <item>"""));
        refresher.refresh(config("publish").source("programming-librarian").orElseThrow());
        assertThat(moderation.pending(50)).as("held until an editor decides, whatever feeds.yml says now")
                .extracting(Moderation.Held::title).containsExactly("Sponsored webinar, edited");
        assertThat(titles(ItemQuery.newest(50))).doesNotContain("Sponsored webinar, edited");
    }
}
