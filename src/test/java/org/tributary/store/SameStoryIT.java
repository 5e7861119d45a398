package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.normalize.Item;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;

/**
 * One story, many partners, decided on evidence, against a real H2 file: each pair of the table
 * (same-story-pairs.tsv) is stored as two sources' items, the second a minute after the first, and is published once
 * (crediting the first, "also from" the second) exactly when the table says it is one story.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameStoryIT {

    private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    @TempDir
    static Path dataDir;

    private Database database;
    private Store store;

    @BeforeAll
    void open() {
        database = Database.h2(dataDir);
        store = new Store(database, true);
    }

    @AfterAll
    void close() {
        database.close();
    }

    static Stream<SamePairs> pairs() {
        return SamePairs.all().stream();
    }

    private static Item item(String source, String id, String link, String title, String text, Instant date) {
        return Items.item(source, "guid:" + id).publicId(source + "-" + id).guid(id)
                .link(link == null ? null : URI.create(link)).title(title).excerpt(text).published(date).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void aPairIsOneStoryExactlyWhenTheTableSaysSo(SamePairs pair) {
        // each pair a month from the others, so that the pairs of the table cannot match each other
        Instant date = T0.plus(Duration.ofDays(30L * pair.line()));
        String a = "a" + pair.line();
        String b = "b" + pair.line();
        Instant now = date.plus(Duration.ofHours(1));
        StoredItems.saveFetched(store, a, "https://" + a + ".example/feed", null, null,
                List.of(item(a, "1", pair.linkA(), pair.titleA(), pair.textA(), date)), Set.of(), now);
        StoredItems.saveFetched(store, b, "https://" + b + ".example/feed", null, null,
                List.of(item(b, "1", pair.linkB(), pair.titleB(), pair.textB(), date.plusSeconds(600))), Set.of(),
                now.plusSeconds(60));

        List<StoredItem> published = StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of(a, b), 50));

        if (pair.merge()) {
            assertThat(published).extracting(s -> s.item().sourceId()).containsExactly(a);
            assertThat(published.get(0).alsoFrom()).containsExactly(b);
        } else {
            assertThat(published).extracting(s -> s.item().sourceId()).containsExactlyInAnyOrder(a, b);
            assertThat(published).allMatch(s -> s.alsoFrom().isEmpty());
        }
    }

    @Test
    void aLinkEveryItemOfASourceCarriesIsNotTheStorysLink() {
        Instant date = T0.minus(Duration.ofDays(400));
        String channel = "https://podcast.example.org/";
        StoredItems.saveFetched(store, "pod", "https://pod.example/feed", null, null, List.of(
                item("pod", "1", channel, "Episode 1: Welcome", "Our first episode.", date),
                item("pod", "2", channel, "Episode 2: Reading lists", "Staff picks for the summer.", date)),
                Set.of(), date.plusSeconds(60));
        // another source links its own item to the same home page
        StoredItems.saveFetched(store, "news", "https://news.example/feed", null, null, List.of(
                item("news", "1", channel, "Listen to our podcast", "A podcast about libraries.", date)), Set.of(),
                date.plusSeconds(120));

        assertThat(StoredItems.of(store, new ItemQuery(Set.of(), Set.of(), Set.of("pod", "news"), 50))).hasSize(3)
                .allMatch(s -> s.alsoFrom().isEmpty());
    }
}
