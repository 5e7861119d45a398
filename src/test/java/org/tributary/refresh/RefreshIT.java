package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
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
import org.tributary.testing.PartnerServer;
import org.tributary.testing.StoredItems;
import org.tributary.testing.TestDatabase;

/** fetch → parse → normalize → store against partner feeds on loopback, on an H2 file and on PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class RefreshIT {

    @Parameter
    TestDatabase vendor;

    @TempDir
    Path dataDir;

    private TestDatabase.Opener opener;

    private PartnerServer partners;
    private Config config;
    private Database database;
    private Store store;
    private Fetcher fetcher;
    private Refresher refresher;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = new ConfigLoader().parse("feeds.yml", partners.feedsYml("http://localhost:8080", "30m"));
        opener = vendor.create(dataDir);
        openStore();
    }

    private void openStore() {
        database = opener.open();
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

    private List<RefreshReport> refreshAll() {
        return config.sources().stream().map(refresher::refresh).toList();
    }

    private List<StoredItem> published() {
        return StoredItems.of(store, ItemQuery.newest(500));
    }

    @Test
    void refreshingTwiceStoresEveryItemOnce() {
        List<RefreshReport> first = refreshAll();
        List<RefreshReport> second = refreshAll();

        assertThat(first).extracting(RefreshReport::outcome).containsOnly(RefreshReport.Outcome.FETCHED);
        assertThat(first).extracting(RefreshReport::added).containsExactly(3, 2, 2);
        assertThat(second).extracting(RefreshReport::outcome).containsOnly(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(published()).hasSize(7);
        assertThat(published()).extracting(s -> s.item().publicId()).doesNotHaveDuplicates();
    }

    @Test
    void sendsIfNoneMatchOnSecondFetch() {
        refreshAll();
        refreshAll();

        var requests = partners.requests(PartnerServer.RSS);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeaders().get("If-None-Match")).isNull();
        assertThat(requests.get(1).getHeaders().get("If-None-Match")).startsWith("\"");
        assertThat(requests.get(1).getHeaders().get("User-Agent")).startsWith("Tributary-test/0.1");
    }

    @Test
    void aBatchThatReadsEveryRowInOneQuerySendsTheValidatorsOfThoseRows() {
        refreshAll();
        Map<String, org.tributary.store.SourceState> states = store.states();
        List<RefreshReport> second = config.sources().stream()
                .map(s -> refresher.refresh(s, states.get(s.id()))).toList();

        assertThat(second).extracting(RefreshReport::outcome).containsOnly(RefreshReport.Outcome.NOT_MODIFIED);
        var requests = partners.requests(PartnerServer.RSS);
        assertThat(requests.get(1).getHeaders().get("If-None-Match"))
                .isEqualTo(states.get(config.sources().get(0).id()).etag()).startsWith("\"");
        // A row the caller did not have (a new source): as if nothing had been stored, so a full fetch.
        Source first = config.sources().get(0);
        RefreshReport unknown = refresher.refresh(first, org.tributary.store.SourceState.unknown(first.id()));
        assertThat(unknown.outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(partners.requests(PartnerServer.RSS).get(2).getHeaders().get("If-None-Match")).isNull();
    }

    @Test
    void notModifiedKeepsEverything() {
        refreshAll();
        List<StoredItem> before = published();
        RefreshReport again = refresher.refresh(config.source("everett").orElseThrow());

        assertThat(again.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(published()).isEqualTo(before);
        assertThat(store.state("everett").lastError()).isNull();
    }

    @Test
    void oneBrokenSourceDoesNotStopTheOthers() {
        partners.misbehave(PartnerServer.RSS, PartnerServer.garbage());
        partners.misbehave(PartnerServer.ATOM, PartnerServer.status(500));

        Map<String, RefreshReport> reports = refreshAll().stream()
                .collect(java.util.stream.Collectors.toMap(RefreshReport::sourceId, r -> r));

        assertThat(reports.get("programming-librarian").outcome()).isEqualTo(RefreshReport.Outcome.FAILED);
        assertThat(reports.get("programming-librarian").error()).startsWith("parse[programming-librarian]: ");
        assertThat(reports.get("everett").error()).isEqualTo("fetch[everett]: HTTP 500");
        assertThat(reports.get("consortium").outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(published()).extracting(s -> s.item().sourceId()).containsOnly("consortium");
        assertThat(store.state("everett").consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aFailureAfterSuccessKeepsTheStoredItems() {
        refreshAll();
        partners.misbehave(PartnerServer.RSS, PartnerServer.status(503));
        RefreshReport failed = refresher.refresh(config.source("programming-librarian").orElseThrow());

        assertThat(failed.outcome()).isEqualTo(RefreshReport.Outcome.FAILED);
        assertThat(published()).filteredOn(s -> s.item().sourceId().equals("programming-librarian")).hasSize(3);
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsEveryItem() {
        refreshAll();
        List<String> ids = published().stream().map(s -> s.item().publicId()).toList();
        fetcher.close();
        database.close();

        openStore();
        assertThat(published()).extracting(s -> s.item().publicId()).containsExactlyElementsOf(ids);
        refreshAll(); // a restart sends the stored validators: nothing is fetched twice
        assertThat(published()).hasSize(ids.size());
    }

    @Test
    void itemsCarryTypeTopicsAttributionAndExcerpt() {
        refreshAll();
        Map<String, StoredItem> byTitle = published().stream()
                .collect(java.util.stream.Collectors.toMap(s -> s.item().title(), s -> s));

        StoredItem webinar = byTitle.get("Getting to the Heart of the Community Through Discovery");
        assertThat(webinar.item().type()).isEqualTo("Webinar");           // category rule
        assertThat(webinar.item().topics()).containsExactly("partnerships");
        StoredItem listening = byTitle.get(
                "Always Be Listening: How Public Libraries are Approaching Community Engagement as a Mindset");
        assertThat(listening.item().type()).isEqualTo("News");             // source default
        assertThat(listening.item().summaryHtml()).doesNotContain("<script");
        assertThat(listening.item().authors()).containsExactly("Jane Partner");
        assertThat(listening.item().imageUrl()).hasToString("https://programminglibrarian.example/img/listening.jpg");
        StoredItem con = byTitle.get("Planning a Library Con or Pop Culture Festival");
        assertThat(con.item().link()).hasToString("https://everett.example/news/librarycon"); // xml:base
        assertThat(con.item().excerpt()).startsWith("We hosted our library's sixth LibraryCon").doesNotContain("<p>");
        assertThat(con.item().excerpt()).contains("attendees!). Each year");                 // no "wordsjoined"
        StoredItem repair = byTitle.get("Reduce Waste, Build Community: Hosting Repair Events at Your Library");
        assertThat(repair.item().type()).isEqualTo("Webinar");             // source type
        assertThat(repair.item().topics()).containsExactly("partnerships", "programming");
        for (StoredItem s : published()) assertThat(s.item().excerpt().length()).isLessThanOrEqualTo(120);
    }

    @Test
    void aSourceMovedInFeedsYmlStartsWithoutTheOldValidators() throws Exception {
        refreshAll();
        Source moved = config.source("everett").orElseThrow();
        Source elsewhere = new Source(moved.id(), moved.title(), java.net.URI.create(partners.url("/moved.atom")),
                moved.home(), moved.kind(), moved.type(), moved.topics(), moved.every(), moved.owner(), moved.rules());
        partners.serve("/moved.atom", PartnerServer.fixture(PartnerServer.ATOM));
        refresher.refresh(elsewhere);

        assertThat(partners.requests("/moved.atom").get(0).getHeaders().get("If-None-Match")).isNull();
        assertThat(published()).hasSize(7);
    }

    /** The RSS partner's fixture, served on every request with no validators: each fetch is a 200 with the same bytes. */
    private Source withoutValidators() {
        return withoutValidators("");
    }

    /** The same, with a comment after the document: other bytes, the same entries. */
    private Source withoutValidators(String comment) {
        partners.misbehave(PartnerServer.RSS, new mockwebserver3.MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/rss+xml; charset=utf-8")
                .body(PartnerServer.fixture(PartnerServer.RSS) + (comment.isEmpty() ? "" : "<!-- " + comment + " -->"))
                .build());
        return config.source("programming-librarian").orElseThrow();
    }

    private static Source withType(Source s, String type) {
        return new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), type, s.topics(), s.every(), s.owner(),
                s.rules(), s.fetchOptions(), s.itemOptions());
    }

    @Test
    void theSameDocumentAgainIsAnsweredLikeA304WithoutReadingIt() {
        Source source = withoutValidators();
        RefreshReport first = refresher.refresh(source);
        List<StoredItem> before = published();
        RefreshReport again = refresher.refresh(source);

        assertThat(first.added()).isEqualTo(3);
        assertThat(again.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.health()).isEqualTo("not-modified");
        assertThat(published()).isEqualTo(before);
        // `tributary reset` forgets the document: the next 200 is read in full again.
        store.resetHealth(source.id());
        assertThat(refresher.refresh(source).outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
    }

    @Test
    void entriesThatComeBackUnchangedInAnotherDocumentAreRecognisedOneByOne() {
        Source source = withoutValidators();
        refresher.refresh(source);
        List<StoredItem> before = published();
        withoutValidators("generated at another moment");
        RefreshReport again = refresher.refresh(source);

        assertThat(again.outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);
        assertThat(again.added() + again.updated()).isZero();
        // Every stored entry carries the fingerprint it was normalized from, which is what lets a refetch skip it.
        assertThat(store.knownEntries(source.id())).hasSize(3).allSatisfy((hash, publicId) -> {
            assertThat(hash).hasSize(64);
            assertThat(before).extracting(s -> s.item().publicId()).contains(publicId);
        });
        assertThat(published()).isEqualTo(before);
    }

    @Test
    void aChangedRuleInFeedsYmlReachesItemsWhoseEntriesDidNotChange() {
        Source source = withoutValidators();
        refresher.refresh(source);
        RefreshReport retyped = refresher.refresh(withType(source, "Webinar"));

        // Same bytes, but the fingerprint covers the source's rules: the two News items are normalized again.
        assertThat(retyped.updated()).isEqualTo(2);
        assertThat(published()).filteredOn(s -> s.item().sourceId().equals(source.id()))
                .extracting(s -> s.item().type()).containsOnly("Webinar");
    }

    @Test
    void itemsStoredWithoutAFingerprintGetOneOnTheirNextFetchAndStayAsTheyWere() throws Exception {
        Source source = withoutValidators();
        refresher.refresh(source);
        List<StoredItem> before = published();
        try (var c = database.dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE item SET raw_hash = NULL");   // as rows written before migration V7 are
            st.executeUpdate("UPDATE source_state SET document_hash = NULL");
        }
        assertThat(store.knownEntries(source.id())).isEmpty();

        RefreshReport again = refresher.refresh(source);

        assertThat(again.added() + again.updated()).isZero();
        assertThat(store.knownEntries(source.id())).hasSize(3);
        assertThat(published()).isEqualTo(before);
    }

    @Test
    void anEntryRetentionDoesNotKeepIsNoNewsOnEveryFetch() {
        Source all = withoutValidators();
        ItemOptions d = ItemOptions.DEFAULTS;
        Source source = new Source(all.id(), all.title(), all.url(), all.home(), all.kind(), all.type(), all.topics(),
                all.every(), all.owner(), all.rules(), all.fetchOptions(),
                new ItemOptions(d.identity(), d.timezone(), false, false, 2, null));
        RefreshReport first = refresher.refresh(source);
        long version = store.version().version();
        withoutValidators("the same entries in other bytes, so that the document is read again");
        RefreshReport again = refresher.refresh(source);

        // The feed lists three entries; keep_items is 2: the oldest is stored and purged again in each fetch.
        assertThat(first.added()).isEqualTo(2);
        assertThat(published()).hasSize(2);
        assertThat(again.added() + again.updated()).isZero();
        assertThat(store.version().version()).as("published version").isEqualTo(version);
    }

    @Test
    void maxAgePurgesEvenWhenTheSourceFails() {
        Source plain = config.source("programming-librarian").orElseThrow();
        refresher.refresh(plain);
        partners.misbehave(PartnerServer.RSS, PartnerServer.status(503));
        ItemOptions d = ItemOptions.DEFAULTS;
        Source aging = new Source(plain.id(), plain.title(), plain.url(), plain.home(), plain.kind(), plain.type(),
                plain.topics(), plain.every(), plain.owner(), plain.rules(), plain.fetchOptions(),
                new ItemOptions(d.identity(), d.timezone(), false, false, d.keepItems(), java.time.Duration.ofDays(365)));

        assertThat(refresher.refresh(aging).outcome()).isEqualTo(RefreshReport.Outcome.FAILED);
        assertThat(published()).noneMatch(s -> s.item().sourceId().equals(plain.id()));
    }

    @Test
    void maxAgePurgesEvenWhenTheSourceAnswersNotModified() {
        Source plain = config.source("programming-librarian").orElseThrow();
        refresher.refresh(plain);
        ItemOptions d = ItemOptions.DEFAULTS;
        Source aging = new Source(plain.id(), plain.title(), plain.url(), plain.home(), plain.kind(), plain.type(),
                plain.topics(), plain.every(), plain.owner(), plain.rules(), plain.fetchOptions(),
                new ItemOptions(d.identity(), d.timezone(), false, false, d.keepItems(), java.time.Duration.ofDays(365)));

        RefreshReport again = refresher.refresh(aging);

        // The fixture's items are years old: a 304 stores nothing, but their age is past max_age all the same.
        assertThat(again.outcome()).isEqualTo(RefreshReport.Outcome.NOT_MODIFIED);
        assertThat(published()).noneMatch(s -> s.item().sourceId().equals(plain.id()));
    }

    @Test
    void aFrenchFeedsItemsAreStoredWithTheirLanguageAndTheirPicturesAltText() throws Exception {
        String french;
        try (var in = RefreshIT.class.getResourceAsStream("/feeds/language_french_rss.xml")) {
            french = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        partners.serve(PartnerServer.RSS, french);
        Source rss = config.sources().get(0);
        assertThat(refresher.refresh(rss).outcome()).isEqualTo(RefreshReport.Outcome.FETCHED);

        assertThat(published()).filteredOn(s -> s.item().sourceId().equals(rss.id()))
                .extracting(s -> s.item().title(), s -> s.item().language(), s -> s.item().imageAlt())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("L'heure du conte", "fr-FR",
                                "Une bibliothécaire lit un album à des enfants assis en cercle"),
                        org.assertj.core.groups.Tuple.tuple("Nouveaux horaires d'été", "fr-FR",
                                "La façade de la bibliothèque au matin"),
                        org.assertj.core.groups.Tuple.tuple("English conversation club", "en",
                                "Members of the conversation club"));
    }
}
