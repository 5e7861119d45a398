package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;
import org.tributary.testing.TestDatabase;

/** The store against each real database: an H2 file in a temporary directory, and a fresh PostgreSQL database. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class StoreIT {

    private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-10T12:30:00Z");

    @Parameter
    TestDatabase vendor;

    @TempDir
    Path dataDir;

    private TestDatabase.Opener opener;
    private Database database;
    private Store store;

    @BeforeEach
    void open() {
        opener = vendor.create(dataDir);
        database = opener.open();
        store = new Store(database, true);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static Item item(String source, String id, String title, Instant published, String hash, String... topics) {
        return Items.item(source, "guid:" + id).publicId("pid-" + source + "-" + id).guid(id)
                .link("https://example.org/" + source + "/" + id).title(title).summaryHtml("<p>" + title + "</p>")
                .excerpt(title).topics(topics).categories("cat").authors("Ann").published(published).contentHash(hash)
                .build();
    }

    private List<String> titles(ItemQuery q) {
        return StoredItems.of(store, q).stream().map(s -> s.item().title()).toList();
    }

    @Test
    void refetchOfTheSameItemsNeverDuplicates() {
        List<Item> items = List.of(item("a", "1", "One", T0.minusSeconds(60), "h1"),
                item("a", "2", "Two", T0.minusSeconds(30), "h2"));
        SaveResult first = StoredItems.saveFetched(store, "a", "https://a.example/feed", "\"e1\"", null, items, Set.of(), T0);
        SaveResult second = StoredItems.saveFetched(store, "a", "https://a.example/feed", "\"e1\"", null, items, Set.of(), T1);

        assertThat(first).isEqualTo(new SaveResult(2, 0, 0));
        assertThat(second).isEqualTo(new SaveResult(0, 0, 2));
        assertThat(titles(ItemQuery.newest(50))).containsExactly("Two", "One");
    }

    @Test
    void anItemsLanguageAndImageAltAreStoredAndAChangeOfThemIsWrittenInPlace() {
        Item french = Items.item("a", "guid:fr").publicId("pid-a-fr").title("L'heure du conte").published(T0)
                .imageUrl("https://a.example/conte.jpg").imageAlt("Une bibliothécaire lit").imageCredit("Photo : M. D.")
                .language("fr-FR").contentHash("h1").build();
        Item none = Items.item("a", "guid:none").publicId("pid-a-none").title("Untagged").published(T0.minusSeconds(1))
                .imageUrl("https://a.example/b.jpg").imageAlt("").build();
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(french, none), Set.of(), T0);

        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().language(),
                s -> s.item().imageAlt()).containsExactly(tuple("fr-FR", "Une bibliothécaire lit"), tuple(null, ""));

        Item spanish = Items.item("a", "guid:fr").publicId("pid-a-fr").title("L'heure du conte").published(T0)
                .imageUrl("https://a.example/conte.jpg").imageAlt("Una bibliotecaria lee").language("es")
                .contentHash("h2").build();
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(spanish, none), Set.of(), T1);
        assertThat(StoredItems.of(store, ItemQuery.newest(50)).get(0).item()).extracting(Item::language, Item::imageAlt)
                .containsExactly("es", "Una bibliotecaria lee");
    }

    @Test
    void changedItemUpdatesInPlaceKeepingIdAndFirstSeen() {
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "Old title", null, "h1")), Set.of(), T0);
        SaveResult r = StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "New title", null, "h2")),
                Set.of(), T1);

        assertThat(r.updated()).isEqualTo(1);
        StoredItem stored = StoredItems.of(store, ItemQuery.newest(50)).get(0);
        assertThat(stored.item().publicId()).isEqualTo("pid-a-1");
        assertThat(stored.item().title()).isEqualTo("New title");
        assertThat(stored.firstSeen()).isEqualTo(T0);
        assertThat(stored.changedAt()).isEqualTo(T1);
        // no date of its own: it keeps the moment we first saw it, not the moment it changed
        assertThat(stored.date()).isEqualTo(T0);
    }

    @Test
    void missingAndFutureDatesBecomeFirstSeen() {
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(
                item("a", "future", "Future", T0.plusSeconds(86_400 * 30), "h1"),
                item("a", "none", "None", null, "h2"),
                item("a", "past", "Past", T0.minusSeconds(3600), "h3")), Set.of(), T0);

        List<StoredItem> items = StoredItems.of(store, ItemQuery.newest(50));
        assertThat(items).extracting(s -> s.item().title()).containsExactlyInAnyOrder("Future", "None", "Past");
        assertThat(items).filteredOn(s -> !s.item().title().equals("Past")).allMatch(s -> s.date().equals(T0));
        assertThat(items.get(2).item().title()).isEqualTo("Past");
    }

    @Test
    void newestFirstAcrossSourcesTiesByFirstSeen() {
        Instant day = Instant.parse("2019-06-11T00:00:00Z");
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "A old", day.minusSeconds(86_400), "x"),
                item("a", "2", "A same day", day, "y")), Set.of(), T0);
        StoredItems.saveFetched(store, "b", "u", null, null, List.of(item("b", "1", "B same day", day, "z"),
                item("b", "2", "B newest", day.plusSeconds(86_400), "w")), Set.of(), T1);

        assertThat(titles(ItemQuery.newest(50))).containsExactly("B newest", "B same day", "A same day", "A old");
        assertThat(titles(ItemQuery.newest(2))).containsExactly("B newest", "B same day");
    }

    @Test
    void filtersByTypeTopicAndSource() {
        Item webinar = Items.item("b", "guid:w").publicId("pid-w").guid("w").title("Webinar").type("Webinar")
                .topics("programming").published(T0.minusSeconds(10)).contentHash("hw").build();
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "News A", T0.minusSeconds(20), "h",
                "partnerships")), Set.of(), T0);
        StoredItems.saveFetched(store, "b", "u", null, null, List.of(webinar), Set.of(), T0);

        assertThat(titles(new ItemQuery(Set.of("Webinar"), Set.of(), Set.of(), 50))).containsExactly("Webinar");
        assertThat(titles(new ItemQuery(Set.of(), Set.of("partnerships"), Set.of(), 50))).containsExactly("News A");
        assertThat(titles(new ItemQuery(Set.of(), Set.of(), Set.of("b"), 50))).containsExactly("Webinar");
        assertThat(StoredItems.of(store, ItemQuery.newest(50)).get(1).item().topics()).containsExactly("partnerships");
    }

    @Test
    void failuresCountUpAndSuccessResetsThem() {
        StoredItems.saveFetched(store, "a", "u", "\"v1\"", "Sat, 10 Jan 2026 12:00:00 GMT", List.of(), Set.of("Events"), T0);
        store.saveFailure("a", "u", 503, "fetch[a]: HTTP 503", null, T1);
        store.saveFailure("a", "u", 0, "fetch[a]: timed out", null, T1.plusSeconds(60));

        SourceState failing = store.state("a");
        assertThat(failing.consecutiveFailures()).isEqualTo(2);
        assertThat(failing.lastError()).isEqualTo("fetch[a]: timed out");
        assertThat(failing.etag()).isEqualTo("\"v1\""); // validators survive failures
        assertThat(failing.lastSuccessAt()).isEqualTo(T0);
        assertThat(failing.unmappedCategories()).containsExactly("Events");

        store.saveNotModified("a", "u", null, null, null, T1.plusSeconds(120));
        SourceState ok = store.state("a");
        assertThat(ok.consecutiveFailures()).isZero();
        assertThat(ok.lastError()).isNull();
        assertThat(ok.etag()).isEqualTo("\"v1\"");
        assertThat(ok.lastSuccessAt()).isEqualTo(T1.plusSeconds(120));
    }

    @Test
    void versionMovesOnlyWhenPublishedContentChanges() {
        long v0 = store.version().version();
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "One", T0, "h1")), Set.of(), T0);
        long v1 = store.version().version();
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "One", T0, "h1")), Set.of(), T1);
        store.saveNotModified("a", "u", null, null, null, T1);
        store.saveFailure("a", "u", 500, "x", null, T1);

        assertThat(v1).isGreaterThan(v0);
        assertThat(store.version().version()).isEqualTo(v1);
    }

    @Test
    void hiddenItemsLeaveEveryOutputAndComeBack() {
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "One", T0, "h1"), item("a", "2", "Two", T0,
                "h2")), Set.of(), T0);

        assertThat(store.setHidden("pid-a-1", true, T1)).isTrue();
        assertThat(titles(ItemQuery.newest(50))).containsExactly("Two");
        assertThat(store.setHidden("no-such-id", true, T1)).isFalse();
        assertThat(store.setHidden("pid-a-1", false, T1)).isTrue();
        assertThat(titles(ItemQuery.newest(50))).containsExactlyInAnyOrder("One", "Two");
    }

    @Test
    void reopeningTheDataDirectoryKeepsEverything() {
        StoredItems.saveFetched(store, "a", "u", "\"e\"", null, List.of(item("a", "1", "One", T0, "h1")), Set.of(), T0);
        database.close();

        database = opener.open();
        store = new Store(database, true);
        assertThat(titles(ItemQuery.newest(50))).containsExactly("One");
        assertThat(store.state("a").etag()).isEqualTo("\"e\"");
    }

    @Test
    void nextFetchIsRecordedEvenBeforeTheFirstAttempt() {
        store.saveNextFetch("new-source", T1);
        assertThat(store.state("new-source").nextFetchAt()).isEqualTo(T1);
        assertThat(store.state("new-source").lastAttemptAt()).isNull();
    }

    @Test
    void aFetchsItemsStateAndHealthAreWrittenTogetherOrNotAtAll() {
        SourceHealth ok = new SourceHealth(SourceHealth.State.OK, T1, null, 0, null, null, null);
        store.saveFetched("a", new FetchedDocument("u", "\"e1\"", null, "d1"),
                new NormalizedFeed(List.of(item("a", "1", "One", T0, "h1")), Set.of()), 500, null, false, ok, T0);
        assertThat(store.state("a").health().state()).isEqualTo(SourceHealth.State.OK);

        // An item the database refuses (its type is longer than the column) fails the whole save: the health the
        // fetch would have left is not written either, and nothing stored before is lost.
        Item refused = Items.item("a", "guid:2").publicId("pid-a-2").guid("2").title("Two").type("T".repeat(500))
                .published(T1).contentHash("h2").build();
        SourceHealth failing = new SourceHealth(SourceHealth.State.FAILING, T1.plusSeconds(60), null, 0, null, null,
                null);
        assertThatThrownBy(() -> store.saveFetched("a", new FetchedDocument("u", "\"e2\"", null, "d2"),
                new NormalizedFeed(List.of(refused), Set.of()), 500, null, false, failing, T1))
                .isInstanceOf(StoreException.class);

        assertThat(store.state("a").health().state()).isEqualTo(SourceHealth.State.OK);
        assertThat(store.state("a").etag()).isEqualTo("\"e1\"");
        assertThat(store.state("a").documentHash()).isEqualTo("d1");
        assertThat(titles(ItemQuery.newest(50))).containsExactly("One");
    }
}
