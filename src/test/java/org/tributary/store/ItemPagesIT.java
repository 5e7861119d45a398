package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.normalize.Item;
import org.tributary.testing.StoredItems;

/** Keyset pages over a real H2 file: the history walked older page by older page, while items keep arriving. */
class ItemPagesIT {

    private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;
    private ItemPages pages;
    private int next;

    @BeforeEach
    void open() {
        database = Database.h2(dataDir);
        store = new Store(database, true);
        pages = new ItemPages(store);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Stores one item from its own source run; several share a published date so the tie-breakers matter. */
    private String add(Instant published, Instant seen, String topic) {
        String id = "i" + (next++);
        Item item = StoreIT.item("s" + (next % 3), id, "Item " + id, published, "h" + id, topic);
        StoredItems.saveFetched(store, "s" + (next % 3), "u", null, null, List.of(item), Set.of(), seen);
        return item.publicId();
    }

    private static List<String> ids(ItemPages.Page page) {
        return page.items().stream().map(s -> s.item().publicId()).toList();
    }

    @Test
    void walkingOlderFromTheNewestPageSeesEveryItemOnceWhileItemsArrive() {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            // Dates in sevens: items 0..6 share one date, and so on; first seen differs by a nanosecond-free second.
            before.add(add(T0.minusSeconds(3600L * (i / 7)), T0.plusSeconds(i).plusNanos(123_456_000L), "t"));
        }
        ItemQuery query = ItemQuery.newest(5);
        List<String> seen = new ArrayList<>();
        ItemPages.Page page = pages.newest(query);
        Instant later = T0.plusSeconds(10_000);
        while (true) {
            seen.addAll(ids(page));
            // Between pages: two brand-new items on top, and one that shares the newest date of the history.
            add(later, later, "t");
            add(later.plusSeconds(1), later.plusSeconds(1), "t");
            add(T0, later.plusSeconds(2), "t");
            later = later.plusSeconds(10);
            if (!page.more()) break;
            page = pages.from(query, page.last(), ItemPages.Direction.OLDER);
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(before);
        assertThat(new HashSet<>(seen).size()).isEqualTo(seen.size());
    }

    @Test
    void pagesAreInThePublishedOrderAndTheLastOneSaysNoMore() {
        for (int i = 0; i < 12; i++) add(T0.minusSeconds(i), T0, "t");
        ItemQuery query = ItemQuery.newest(5);
        List<String> all = StoredItems.of(store, ItemQuery.newest(50)).stream().map(s -> s.item().publicId()).toList();

        ItemPages.Page first = pages.newest(query);
        ItemPages.Page second = pages.from(query, first.last(), ItemPages.Direction.OLDER);
        ItemPages.Page third = pages.from(query, second.last(), ItemPages.Direction.OLDER);

        assertThat(ids(first)).isEqualTo(all.subList(0, 5));
        assertThat(ids(second)).isEqualTo(all.subList(5, 10));
        assertThat(ids(third)).isEqualTo(all.subList(10, 12));
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isTrue();
        assertThat(third.more()).isFalse();
    }

    @Test
    void newerFromAPagesFirstItemIsThePageBeforeIt() {
        for (int i = 0; i < 12; i++) add(T0.minusSeconds(i / 2), T0.plusSeconds(i % 3), "t");
        ItemQuery query = ItemQuery.newest(4);
        ItemPages.Page first = pages.newest(query);
        ItemPages.Page second = pages.from(query, first.last(), ItemPages.Direction.OLDER);
        ItemPages.Page third = pages.from(query, second.last(), ItemPages.Direction.OLDER);

        ItemPages.Page backToSecond = pages.from(query, third.first(), ItemPages.Direction.NEWER);
        ItemPages.Page backToFirst = pages.from(query, second.first(), ItemPages.Direction.NEWER);

        assertThat(ids(backToSecond)).isEqualTo(ids(second));
        assertThat(backToSecond.more()).isTrue();
        assertThat(ids(backToFirst)).isEqualTo(ids(first));
        assertThat(backToFirst.more()).isFalse();
    }

    @Test
    void filtersApplyOnEveryPage() {
        for (int i = 0; i < 10; i++) add(T0.minusSeconds(i), T0, i % 2 == 0 ? "even" : "odd");
        ItemQuery even = new ItemQuery(Set.of(), Set.of("even"), Set.of(), 2);
        List<String> seen = new ArrayList<>();
        ItemPages.Page page = pages.newest(even);
        seen.addAll(ids(page));
        while (page.more()) {
            page = pages.from(even, page.last(), ItemPages.Direction.OLDER);
            seen.addAll(ids(page));
        }
        assertThat(seen).hasSize(5).allSatisfy(id -> assertThat(Integer.parseInt(id.replaceAll("\\D", "")) % 2).isZero());
    }

    @Test
    void hiddenItemsAreOnNoPage() {
        String hidden = add(T0, T0, "t");
        add(T0.minusSeconds(1), T0, "t");
        store.setHidden(hidden, true, T0.plusSeconds(5));
        assertThat(ids(pages.newest(ItemQuery.newest(5)))).doesNotContain(hidden).hasSize(1);
    }

    @Test
    void aCursorRoundTripsThroughItsTokenExactlyAsStored() {
        add(T0.plusNanos(987_654_000L), T0.plusNanos(1_000L), "t");
        PageCursor cursor = pages.newest(ItemQuery.newest(5)).first();
        assertThat(PageCursor.decode(cursor.encode())).contains(cursor);
    }
}
