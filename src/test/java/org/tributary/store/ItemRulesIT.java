package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.normalize.Item;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;

/** The store's item rules against a real H2 file: duplicates across partners, changing guids, retention, hide. */
class ItemRulesIT {

    private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;

    @BeforeEach
    void open() {
        database = Database.h2(dataDir);
        store = new Store(database, true);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Item item(String source, String guid, String link, String title, Instant published, String hash) {
        return Items.item(source, "guid:" + guid).publicId(source + "-" + guid).guid(guid)
                .link(link == null ? null : URI.create(link)).title(title).excerpt(title).published(published)
                .contentHash(hash).build();
    }

    private void save(String source, Instant now, Item... items) {
        StoredItems.saveFetched(store, source, "https://" + source + ".example/feed", null, null, List.of(items), Set.of(), now);
    }

    @Test
    void theSameLinkFromASecondPartnerIsPublishedOnceCreditingTheFirst() {
        save("a", T0, item("a", "1", "https://news.example/story", "Library wins award", T0, "h"));
        save("b", T0.plusSeconds(60), item("b", "x", "https://news.example/story", "Our library wins", T0, "h"));
        save("c", T0.plusSeconds(90), item("c", "y", "https://c.example/other", "Library Wins Award!", T0.plusSeconds(3600), "h"));

        List<StoredItem> items = StoredItems.of(store, ItemQuery.newest(50));

        assertThat(items).hasSize(1);
        assertThat(items.get(0).item().sourceId()).isEqualTo("a");
        assertThat(items.get(0).alsoFrom()).containsExactly("b", "c");
        assertThat(items.get(0).otherCopies()).containsExactly(
                new StoredItem.OtherCopy("b", URI.create("https://news.example/story")),
                new StoredItem.OtherCopy("c", URI.create("https://c.example/other")));
    }

    @Test
    void aCopyStandsInForTheStoryWhereItsOriginalDoesNotAppear() {
        Item original = Items.item("a", "guid:1").publicId("a-1").guid("1").link("https://news.example/story")
                .title("Library wins").excerpt("Library wins").topics("partnerships").published(T0).build();
        Item copy = Items.item("b", "guid:x").publicId("b-x").guid("x").link("https://news.example/story")
                .title("Our library wins").excerpt("Our library wins").topics("programming").published(T0).build();
        save("a", T0, original);
        save("b", T0.plusSeconds(60), copy);

        // Once where both would appear: the first source's item, crediting the other.
        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().publicId()).containsExactly("a-1");
        // Where only the copy is selected (its source, a topic only it is in), the story is not published zero times.
        assertThat(StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of("b"), 50)))
                .extracting(s -> s.item().publicId()).containsExactly("b-x");
        assertThat(StoredItems.of(store, new ItemQuery(Set.of(), Set.of("programming"), Set.of(), 50)))
                .extracting(s -> s.item().publicId()).containsExactly("b-x");
        assertThat(StoredItems.of(store, new ItemQuery(Set.of(), Set.of("partnerships"), Set.of(), 50)))
                .extracting(s -> s.item().publicId()).containsExactly("a-1");
        // Hiding the first copy leaves the story to the next one.
        store.setHidden("a-1", true, T0.plusSeconds(120));
        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().publicId()).containsExactly("b-x");
    }

    @Test
    void aBatchOfNewItemsIsMatchedItemByItem() {
        Instant window = T0.plus(Duplicates.WINDOW);
        save("a", T0,
                item("a", "1", "https://news.example/by-link", "First story of the day", T0, "h"),
                item("a", "2", "https://a.example/2", "Branch reopens after renovation", T0, "h"),
                item("a", "3", "https://a.example/3", "Author visit on Saturday morning", T0, "h"),
                item("a", "4", "https://a.example/4", "Seed library opens this spring", T0, "h"));
        save("c", T0.plusSeconds(30), item("c", "1", "https://news.example/by-link", "Another title entirely", T0, "h"));
        // b fetches days later, so that its dates are in the past (a future date is displayed as the fetch time)
        save("b", T0.plus(Duration.ofDays(5)),
                item("b", "1", "https://news.example/by-link", "Something else", T0, "h"),
                item("b", "2", "https://b.example/2", "Branch Reopens After Renovation!", T0.plusSeconds(7200), "h"),
                item("b", "3", "https://b.example/3", "Author visit on Saturday morning", window.plusSeconds(1), "h"),
                item("b", "4", "https://b.example/4", "Seed library opens this spring", window, "h"),
                item("b", "5", "https://b.example/5", "A story nobody else has", T0, "h"));

        Map<String, List<String>> alsoFrom = new java.util.TreeMap<>();
        for (StoredItem s : StoredItems.of(store, ItemQuery.newest(50))) alsoFrom.put(s.item().publicId(), s.alsoFrom());

        // by link (c is a duplicate of a's first item too); by title within the window, its ends included
        assertThat(alsoFrom).containsOnlyKeys("a-1", "a-2", "a-3", "a-4", "b-3", "b-5");
        assertThat(alsoFrom.get("a-1")).containsExactly("c", "b");
        assertThat(alsoFrom.get("a-2")).containsExactly("b");
        assertThat(alsoFrom.get("a-3")).isEmpty();
        assertThat(alsoFrom.get("a-4")).containsExactly("b");
        assertThat(alsoFrom.get("b-3")).isEmpty();
    }

    @Test
    void sameTitleDaysApartIsNotTheSameStory() {
        save("a", T0, item("a", "1", null, "Summer reading challenge", T0, "h"));
        Instant month = T0.plus(Duration.ofDays(30));
        save("b", month, item("b", "2", null, "Summer reading challenge", month, "h"));

        assertThat(StoredItems.of(store, ItemQuery.newest(50))).hasSize(2);
    }

    @Test
    void mergingCanBeSwitchedOff() {
        Store separate = new Store(database, false);
        StoredItems.saveFetched(separate, "a", "u", null, null, List.of(item("a", "1", "https://n.example/s", "A story here", T0, "h")), Set.of(), T0);
        StoredItems.saveFetched(separate, "b", "u", null, null, List.of(item("b", "2", "https://n.example/s", "A story here", T0, "h")), Set.of(), T0);

        assertThat(StoredItems.of(separate, ItemQuery.newest(50))).hasSize(2).allMatch(s -> s.alsoFrom().isEmpty());
    }

    @Test
    void aGuidThatChangesOnEveryFetchKeepsItsFirstPublicIdAndAddsNothing() {
        save("a", T0, item("a", "rnd-1", "https://a.example/p/1", "Opening hours", T0, "h1"));
        save("a", T0.plusSeconds(600), item("a", "rnd-2", "https://a.example/p/1", "Opening hours", T0, "h2"));

        List<StoredItem> items = StoredItems.of(store, ItemQuery.newest(50));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).item().publicId()).isEqualTo("a-rnd-1");
        assertThat(items.get(0).changedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void aChangedItemIsUpdatedInPlaceKeepingItsIdAndFirstSeen() {
        save("a", T0, item("a", "1", "https://a.example/1", "Draft title", T0, "h1"));
        save("a", T0.plusSeconds(60), item("a", "1", "https://a.example/1", "Final title", T0, "h2"));

        StoredItem only = StoredItems.of(store, ItemQuery.newest(50)).get(0);
        assertThat(only.item().publicId()).isEqualTo("a-1");
        assertThat(only.item().title()).isEqualTo("Final title");
        assertThat(only.firstSeen()).isEqualTo(T0);
        assertThat(only.changedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void retentionKeepsTheNewestNAndNothingTooOldButHiddenItemsStayHidden() {
        Item old = item("a", "old", "https://a.example/old", "Old one", T0.minus(Duration.ofDays(400)), "h");
        Item mid = item("a", "mid", "https://a.example/mid", "Middle one", T0.minus(Duration.ofDays(2)), "h");
        Item hid = item("a", "hid", "https://a.example/hid", "Hidden one", T0.minus(Duration.ofDays(3)), "h");
        Item neu = item("a", "new", "https://a.example/new", "New one", T0.minus(Duration.ofDays(1)), "h");
        save("a", T0, old, mid, hid, neu);
        store.setHidden("a-hid", true, T0);

        int deleted = store.purge("a", 2, Duration.ofDays(365), T0);
        save("a", T0.plusSeconds(60), hid);

        assertThat(deleted).isEqualTo(1);
        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().title())
                .containsExactly("New one", "Middle one");
    }

    @Test
    void keepItemsAndMaxAgeEachPurgeOnTheirOwn() {
        save("k", T0, item("k", "1", "https://k.example/1", "K one", T0.minus(Duration.ofDays(3)), "h"),
                item("k", "2", "https://k.example/2", "K two", T0.minus(Duration.ofDays(2)), "h"),
                item("k", "3", "https://k.example/3", "K three", T0.minus(Duration.ofDays(1)), "h"));
        save("m", T0, item("m", "1", "https://m.example/1", "M old", T0.minus(Duration.ofDays(40)), "h"),
                item("m", "2", "https://m.example/2", "M recent", T0.minus(Duration.ofDays(1)), "h"));

        // keep_items alone: the oldest of three goes, however young it is
        assertThat(store.purge("k", 2, null, T0)).isEqualTo(1);
        // max_age alone: the item older than 30 days goes, though there are fewer than keep_items
        assertThat(store.purge("m", 500, Duration.ofDays(30), T0)).isEqualTo(1);

        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().title())
                .containsExactlyInAnyOrder("K three", "K two", "M recent");
    }

    private static Item event(String source, String guid, String title, Instant eventStart) {
        return Items.item(source, "guid:" + guid).publicId(source + "-" + guid).guid(guid)
                .link("https://" + source + ".example/" + guid).title(title).excerpt(title).type("Event")
                .published(T0.minus(Duration.ofDays(1))).eventStart(eventStart).build();
    }

    @Test
    void pastEventsOfASourceThatHidesThemAreLeftOutOfEveryPage() {
        save("ev", T0, event("ev", "past", "Storytime last week", T0.minus(Duration.ofDays(7))),
                event("ev", "soon", "Storytime tomorrow", T0.plus(Duration.ofDays(1))),
                event("ev", "now", "Storytime starting now", T0),
                event("ev", "plain", "Opening hours", null));
        save("other", T0, event("other", "past", "Their past webinar", T0.minus(Duration.ofDays(7))));
        ItemQuery hiding = ItemQuery.newest(50).hidingPastEvents(Set.of("ev"), T0);

        List<String> shown = StoredItems.of(store, hiding).stream().map(s -> s.item().title()).toList();
        List<String> paged = new ItemPages(store).newest(hiding).items().stream().map(s -> s.item().title()).toList();

        assertThat(shown).containsExactlyInAnyOrder("Storytime tomorrow", "Storytime starting now", "Opening hours",
                "Their past webinar");
        assertThat(paged).containsExactlyInAnyOrderElementsOf(shown);
        assertThat(StoredItems.of(store, ItemQuery.newest(50))).as("a query that hides nothing").hasSize(5);
        assertThat(StoredItems.of(store, ItemQuery.newest(50).hidingPastEvents(Set.of("ev"), T0.plus(Duration.ofDays(2)))))
                .extracting(s -> s.item().title()).containsExactlyInAnyOrder("Opening hours", "Their past webinar");
    }

    @Test
    void theNextEventStartTellsWhenAPublishedSelectionChangesWithoutAWrite() {
        save("ev", T0, event("ev", "past", "Past", T0.minus(Duration.ofDays(7))),
                event("ev", "soon", "Soon", T0.plus(Duration.ofHours(3))),
                event("ev", "later", "Later", T0.plus(Duration.ofDays(3))));
        save("other", T0, event("other", "sooner", "Other source", T0.plus(Duration.ofHours(1))));
        Events events = new Events(store);

        assertThat(events.nextStart(Set.of("ev"), T0)).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(events.nextStart(Set.of("ev"), T0.plus(Duration.ofHours(3)))).isEqualTo(T0.plus(Duration.ofDays(3)));
        assertThat(events.nextStart(Set.of("ev"), T0.plus(Duration.ofDays(4)))).isNull();
        assertThat(events.nextStart(Set.of(), T0)).isNull();
    }
}
