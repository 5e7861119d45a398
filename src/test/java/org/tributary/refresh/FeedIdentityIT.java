package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.ItemOptions;
import org.tributary.config.Source;
import org.tributary.fetch.Fetcher;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParser;
import org.tributary.store.Database;
import org.tributary.store.ItemQuery;
import org.tributary.store.StoredItem;
import org.tributary.store.Store;
import org.tributary.testing.StoredItems;
import org.tributary.testing.TestClock;
import org.tributary.web.SourceStatus;

/**
 * Every item a partner published, over real HTTP into a real H2 file: items that share a guid or a link in one
 * document stay distinct under public ids that hold across fetches, and /status tells the editor why.
 */
class FeedIdentityIT {

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
        config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                fetch: { allow_private: ["127.0.0.1:%d"], timeout: 5s }
                sources:
                  - { id: pod, title: Podcast, url: "http://127.0.0.1:%d/feed", every: 30m }
                """.formatted(server.getPort(), server.getPort()));
        source = config.source("pod").orElseThrow();
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

    /** A podcast feed as many hosts write it: no guid, the channel's link on every episode, newest first. */
    static String podcast(int episodes) {
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Pod</title>"
                + "<link>https://podcast.example.org/</link>");
        for (int n = episodes; n >= 1; n--) {
            rss.append("<item><title>Episode ").append(n).append("</title><link>https://podcast.example.org/</link>")
                    .append("<description>Show notes of episode ").append(n).append("</description>")
                    .append("<pubDate>Mon, ").append(String.format("%02d", n)).append(" Feb 2026 09:00:00 GMT</pubDate>")
                    .append("</item>");
        }
        return rss.append("</channel></rss>").toString();
    }

    private void serve(String body) {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .body(body).build());
    }

    private List<String> publishedIds() {
        return StoredItems.of(store, ItemQuery.newest(500)).stream().map(s -> s.item().publicId()).toList();
    }

    @Test
    void aPodcastWithTheChannelLinkOnEveryItemKeepsEveryEpisodeUnderStableIdsAndStatusSaysWhy() {
        serve(podcast(15));
        RefreshReport first = refresher.refresh(source);
        List<String> firstIds = publishedIds();

        clock.advance(Duration.ofHours(1));
        serve(podcast(16));
        RefreshReport second = refresher.refresh(source);

        assertThat(first.added()).isEqualTo(15);
        assertThat(firstIds).hasSize(15).doesNotHaveDuplicates();
        assertThat(second.added()).isEqualTo(1);
        List<StoredItem> published = StoredItems.of(store, ItemQuery.newest(500));
        assertThat(published).hasSize(16);
        assertThat(published.subList(1, 16)).extracting(s -> s.item().publicId()).containsExactlyElementsOf(firstIds);
        SourceStatus.Row row = new SourceStatus(() -> config, store, id -> Optional.empty()).rows().get(0);
        assertThat(row.detail()).contains("16 different items share the link \"https://podcast.example.org/\"");
    }

    /** One item per oversize field (issue of a careless or hostile partner), between ordinary ones. */
    static String oversize(int ordinary) {
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Big</title><link>https://lib.example.org/</link>");
        for (int n = ordinary; n >= 1; n--) {
            rss.append("<item><guid>ok-").append(n).append("</guid><title>Ordinary ").append(n).append("</title></item>");
        }
        rss.append("<item><guid>long-title</guid><title>").append("T".repeat(9_000)).append("</title></item>");
        rss.append("<item><guid>").append("g".repeat(10_000)).append("</guid><title>Long guid</title></item>");
        rss.append("<item><guid>long-link</guid><title>Long link</title><link>https://lib.example.org/")
                .append("a".repeat(9_000)).append("</link></item>");
        rss.append("<item><guid>authors</guid><title>Many authors</title>");
        for (int i = 0; i < 2_000; i++) rss.append("<dc:creator>Author number ").append(i).append("</dc:creator>");
        rss.append("</item><item><guid>categories</guid><title>Many categories</title>");
        for (int i = 0; i < 10_000; i++) rss.append("<category>topic-").append(i).append("</category>");
        return rss.append("</item></channel></rss>").toString();
    }

    @Test
    void oversizeFieldsAreCutPerItemAndTheSourcesOtherItemsAreStored() {
        serve(oversize(2));
        RefreshReport first = refresher.refresh(source);
        clock.advance(Duration.ofHours(1));
        serve(oversize(3));
        RefreshReport second = refresher.refresh(source);

        assertThat(first.outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(first.added()).isEqualTo(7);
        assertThat(second.added()).as("every item keeps its id, the long guid's included").isEqualTo(1);
        List<StoredItem> published = StoredItems.of(store, ItemQuery.newest(500));
        assertThat(published).hasSize(8);
        assertThat(published).allMatch(s -> s.item().title().length() <= 8_192);
        assertThat(published).filteredOn(s -> s.item().title().equals("Long link"))
                .singleElement().matches(s -> s.item().link() == null);
        assertThat(published).filteredOn(s -> s.item().title().equals("Many authors")).singleElement()
                .matches(s -> s.item().authors().size() > 100 && s.item().authors().size() < 2_000);
        SourceStatus.Row row = new SourceStatus(() -> config, store, id -> Optional.empty()).rows().get(0);
        assertThat(row.state()).isEqualTo("ok");
        assertThat(row.lastError()).isNull();
        assertThat(row.detail()).contains("title cut from 9000 to 8192 characters", "guid of 10000 characters",
                "link of", "authors: ", "of 2000 kept", "categories: ", "of 10000 kept");
    }

    /** Undated entries, newest first: "Notice n" for n from {@code newest} down to {@code newest - count + 1}. */
    static String undated(int newest, int count, String comment) {
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Notices</title>"
                + "<link>https://lib.example.org/</link><!-- " + comment + " -->");
        for (int n = newest; n > newest - count; n--) {
            rss.append("<item><guid>notice-").append(n).append("</guid><title>Notice ").append(n)
                    .append("</title><description>Text of notice ").append(n).append("</description></item>");
        }
        return rss.append("</channel></rss>").toString();
    }

    private Source keeping(int keep) {
        ItemOptions d = ItemOptions.DEFAULTS;
        return new Source(source.id(), source.title(), source.url(), source.home(), source.kind(), source.type(),
                source.topics(), source.every(), source.owner(), source.rules(), source.fetchOptions(),
                new ItemOptions(d.identity(), d.timezone(), false, false, keep, null));
    }

    @Test
    void undatedEntriesBeyondKeepItemsAreNeverNewAgainAndTheKeptOnesKeepTheirFirstSeen() {
        Source five = keeping(5);
        serve(undated(8, 8, "first"));
        RefreshReport first = refresher.refresh(five);
        Map<String, Instant> firstSeen = firstSeenByTitle();

        List<Integer> addedLater = new java.util.ArrayList<>();
        for (int fetch = 1; fetch <= 3; fetch++) {
            clock.advance(Duration.ofHours(1));
            // the same eight entries in other bytes: read again, nothing new
            serve(undated(8, 8, "fetch " + fetch));
            addedLater.add(refresher.refresh(five).added());
        }
        Map<String, Instant> afterThree = firstSeenByTitle();
        clock.advance(Duration.ofHours(1));
        serve(undated(9, 9, "one more on top"));
        RefreshReport oneMore = refresher.refresh(five);

        assertThat(first.added()).isEqualTo(5);
        assertThat(firstSeen).hasSize(5);
        assertThat(addedLater).containsOnly(0);
        assertThat(afterThree).as("the same five after three more fetches").isEqualTo(firstSeen);
        assertThat(oneMore.added()).isEqualTo(1);
        Map<String, Instant> now = firstSeenByTitle();
        assertThat(now).hasSize(5).containsKey("Notice 9");
        now.forEach((title, seen) -> {
            if (!title.equals("Notice 9")) assertThat(seen).as(title).isEqualTo(firstSeen.get(title));
        });
        assertThat(StoredItems.of(store, ItemQuery.newest(500)).get(0).item().title()).isEqualTo("Notice 9");
    }

    @Test
    void datedEntriesBeyondKeepItemsAreNotStoredAndDoNotMoveThePublishedVersion() {
        Source five = keeping(5);
        serve(podcastWithGuids(20));
        RefreshReport first = refresher.refresh(five);
        long version = store.version().version();
        clock.advance(Duration.ofHours(1));
        serve(podcastWithGuids(20).replace("<title>Pod</title>", "<title>Pod, again</title>"));
        RefreshReport again = refresher.refresh(five);

        assertThat(first.added()).isEqualTo(5);
        assertThat(store.itemCounts()).containsEntry(source.id(), 5L);
        assertThat(again.added() + again.updated()).isZero();
        assertThat(store.version().version()).isEqualTo(version);
        assertThat(StoredItems.of(store, ItemQuery.newest(500))).extracting(s -> s.item().title())
                .containsExactly("Episode 20", "Episode 19", "Episode 18", "Episode 17", "Episode 16");
    }

    private static String podcastWithGuids(int episodes) {
        return podcast(episodes).replaceAll("<item><title>Episode (\\d+)</title>", "<item><guid>ep-$1</guid><title>Episode $1</title>");
    }

    private Map<String, Instant> firstSeenByTitle() {
        Map<String, Instant> seen = new java.util.TreeMap<>();
        for (StoredItem s : StoredItems.of(store, ItemQuery.newest(500))) seen.put(s.item().title(), s.firstSeen());
        return seen;
    }
}
