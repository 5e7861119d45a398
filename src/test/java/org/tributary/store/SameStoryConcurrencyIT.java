package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;
import org.tributary.normalize.Item;
import org.tributary.testing.TestDatabase;

/**
 * Copies of one story stored at the same moment by two refreshes, on each real database, through two pools as two
 * nodes would: every copy is merged, every other story published, and the original is the copy published earliest
 * (then the smallest public id) whatever the order or the overlap of the fetches.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class SameStoryConcurrencyIT {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final int DISTINCT = 150;
    private static final int COPIES = 10;

    @Parameter
    TestDatabase vendor;

    @TempDir
    Path dataDir;

    private final List<Database> databases = new ArrayList<>();
    private TestDatabase.Opener opener;

    @BeforeEach
    void open() {
        opener = vendor.create(dataDir);
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    private Store node() {
        Database database = opener.open();
        databases.add(database);
        return new Store(database, true);
    }

    private static Item item(String source, String id, String link, String title, String text, Instant date) {
        return Items.item(source, "guid:" + id).publicId("pid-" + source + "-" + id).guid(id)
                .link(link == null ? null : URI.create(link)).title(title).excerpt(text).published(date)
                .contentHash("h-" + id).build();
    }

    private static final String[] WORDS = ("library branch reading room children teens adults volunteers garden "
            + "museum passes laptops printers study rooms archive maps history local authors poetry music film "
            + "knitting chess robotics coding parents toddlers seniors tax forms job search language classes").split(" ");

    private static String text(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        return text.toString().strip() + ".";
    }

    /**
     * One source's fetch in a round: stories of its own under generic titles, and COPIES stories it shares with the
     * other source, half by the same link, half by the same title and text under its own link.
     */
    private static List<Item> fetch(String source, int round, Duration copyOffset) {
        Instant day = T0.plus(Duration.ofDays(30L * round));
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < DISTINCT; n++) {
            items.add(item(source, round + "-own-" + n, "https://" + source + ".example.org/" + round + "/" + n,
                    "Board meeting notes", text(source.hashCode() * 100_000L + round * 1_000L + n),
                    day.minus(Duration.ofMinutes(n))));
        }
        for (int k = 0; k < COPIES; k++) {
            String link = k % 2 == 0 ? "https://press.example.org/" + round + "/" + k
                    : "https://" + source + ".example.org/" + round + "/copy-" + k;
            items.add(item(source, round + "-copy-" + k, link, "Library wins state grant for round " + round,
                    text(round * 1_000L + k), day.plus(copyOffset).minus(Duration.ofMinutes(k))));
        }
        return items;
    }

    private static List<StoredItem> published(Store store, int round) {
        Instant day = T0.plus(Duration.ofDays(30L * round));
        return StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of(), ItemQuery.MAX_LIMIT)).stream()
                .filter(s -> !s.date().isBefore(day.minus(Duration.ofDays(1))) && !s.date().isAfter(day.plus(Duration.ofDays(1))))
                .toList();
    }

    /**
     * Many refreshes storing new items at once while another node holds the same-story lock: at most
     * {@link ItemWrites#WRITERS} of them hold a connection while they wait for it, so the pool keeps connections for
     * the pages and /status (a read answers while the lock is still held; unbounded, the waiting writers held the
     * whole pool and every other caller failed after the pool's 30 s), and every refresh stores its item once the
     * lock is released.
     */
    @Test
    void refreshesWaitingForTheSameStoryLockLeaveConnectionsForReaders() throws Exception {
        Store store = node();
        int refreshes = ItemWrites.WRITERS * 3;
        Database other = opener.open();
        databases.add(other);
        ExecutorService pool = Executors.newFixedThreadPool(refreshes + 1);
        try (java.sql.Connection holder = other.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (var ps = holder.prepareStatement("SELECT id FROM same_story_lock WHERE id = 1 FOR UPDATE");
                 var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            List<Future<SaveResult>> saves = new ArrayList<>();
            for (int i = 0; i < refreshes; i++) {
                String source = "s" + i;
                Item item = item(source, "n" + i, "https://s" + i + ".example/n", "Story " + i, text(i), T0);
                saves.add(pool.submit(() -> StoredItems.saveFetched(store, source, "https://" + source + ".example/",
                        null, null, List.of(item), Set.of(), T0)));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2))
                    .until(() -> store.waitingWriters() == refreshes - ItemWrites.WRITERS);
            Future<Map<String, SourceState>> read = pool.submit(store::states);
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(read::isDone);
            assertThat(saves).as("no refresh got past the lock").noneMatch(Future::isDone);
            assertThat(read.get()).as("a read while the writers wait").isNotNull();
            holder.rollback();
            for (Future<SaveResult> save : saves) save.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.failure()).isEmpty();
        assertThat(StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of(), ItemQuery.MAX_LIMIT)))
                .hasSize(refreshes);
    }

    @Test
    void copiesSavedAtTheSameMomentByTwoNodesAreEachMergedIntoTheEarliestPublished() throws Exception {
        Store one = node();
        Store two = node();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                // b's copies a minute earlier than a's: b's are the originals, whichever commits first
                List<Item> a = fetch("a", round, Duration.ZERO);
                List<Item> b = fetch("b", round, Duration.ofMinutes(-1));
                CountDownLatch start = new CountDownLatch(1);
                Instant now = T0.plus(Duration.ofDays(30L * round + 1));
                Future<?> first = threads.submit(() -> {
                    start.await();
                    return StoredItems.saveFetched(one, "a", "https://a.example/feed", null, null, a, Set.of(), now);
                });
                Future<?> second = threads.submit(() -> {
                    start.await();
                    return StoredItems.saveFetched(two, "b", "https://b.example/feed", null, null, b, Set.of(), now);
                });
                start.countDown();
                first.get(2, TimeUnit.MINUTES);
                second.get(2, TimeUnit.MINUTES);

                List<StoredItem> published = published(one, round);
                assertThat(published).as("round %d", round).hasSize(2 * DISTINCT + COPIES);
                List<StoredItem> merged = published.stream().filter(s -> !s.alsoFrom().isEmpty()).toList();
                assertThat(merged).as("round %d: the shared stories, once each, from b", round).hasSize(COPIES)
                        .allMatch(s -> s.item().sourceId().equals("b") && s.alsoFrom().equals(List.of("a")));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theOriginalIsTheSameWhicheverSourceIsFetchedFirstAndStaysOnTheNextFetch() {
        Store forward = node();
        List<Item> a = fetch("a", 0, Duration.ZERO);
        List<Item> b = fetch("b", 0, Duration.ofMinutes(-1));
        StoredItems.saveFetched(forward, "a", "https://a.example/feed", null, null, a, Set.of(), T0.plus(Duration.ofHours(1)));
        StoredItems.saveFetched(forward, "b", "https://b.example/feed", null, null, b, Set.of(), T0.plus(Duration.ofHours(2)));
        Map<String, List<String>> first = alsoFrom(forward);
        // the next fetches bring the same items: nothing moves
        StoredItems.saveFetched(forward, "a", "https://a.example/feed", null, null, a, Set.of(), T0.plus(Duration.ofHours(3)));
        StoredItems.saveFetched(forward, "b", "https://b.example/feed", null, null, b, Set.of(), T0.plus(Duration.ofHours(3)));

        assertThat(first).hasSize(COPIES).allSatisfy((id, also) -> {
            assertThat(id).startsWith("pid-b-");
            assertThat(also).containsExactly("a");
        });
        assertThat(alsoFrom(forward)).isEqualTo(first);
        assertThat(published(forward, 0)).hasSize(2 * DISTINCT + COPIES);

        // the other order, on a database of its own: the same originals
        close();
        databases.clear();
        opener = vendor.create(dataDir.resolve("reverse"));
        Store reverse = node();
        StoredItems.saveFetched(reverse, "b", "https://b.example/feed", null, null, b, Set.of(), T0.plus(Duration.ofHours(1)));
        StoredItems.saveFetched(reverse, "a", "https://a.example/feed", null, null, a, Set.of(), T0.plus(Duration.ofHours(2)));
        assertThat(alsoFrom(reverse)).isEqualTo(first);
    }

    @Test
    void aCopyOfTwoSourcesStoriesJoinsThemIntoOneWithTheEarliestAsOriginal() {
        Store store = node();
        Instant day = T0.plus(Duration.ofDays(400));
        String text = text(42);
        // a and b carry one press release under their own links, c under the press office's link that a also uses
        StoredItems.saveFetched(store, "a", "u", null, null, List.of(item("a", "1", "https://press.example.org/grant",
                "Library wins state grant", text, day.plusSeconds(120))), Set.of(), day.plus(Duration.ofHours(1)));
        StoredItems.saveFetched(store, "b", "u", null, null, List.of(item("b", "1", "https://b.example.org/grant",
                "Library wins state grant", text, day.plusSeconds(60))), Set.of(), day.plus(Duration.ofHours(2)));
        StoredItems.saveFetched(store, "c", "u", null, null, List.of(item("c", "1", "https://press.example.org/grant",
                "Press release", "Other words entirely.", day)), Set.of(), day.plus(Duration.ofHours(3)));

        List<StoredItem> published = StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of("a", "b", "c"), 50));
        // c joined a by the link, a was one story with b: c, published first, is the original of all three
        assertThat(published).extracting(s -> s.item().sourceId()).containsExactly("c");
        assertThat(published.get(0).alsoFrom()).containsExactlyInAnyOrder("a", "b");
    }

    private static Map<String, List<String>> alsoFrom(Store store) {
        return StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of(), ItemQuery.MAX_LIMIT)).stream()
                .filter(s -> !s.alsoFrom().isEmpty())
                .collect(Collectors.toMap(s -> s.item().publicId(), StoredItem::alsoFrom));
    }
}
