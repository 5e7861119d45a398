package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.config.FetchOptions;
import org.tributary.config.ItemOptions;
import org.tributary.config.Source;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParser;
import org.tributary.testing.StoredItems;

/**
 * Identity edge cases through the real pipeline (fixture file → parse → normalize → H2 file), fetched more than
 * once: nothing duplicated, nothing lost, public ids kept.
 */
class FeedEdgeCasesIT {

    private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;
    private final FeedParser parser = new FeedParser();
    private final Normalizer normalizer = new Normalizer(250);

    @BeforeEach
    void open() {
        database = Database.h2(dataDir);
        store = new Store(database, true);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Source source(String id, ItemOptions.IdentityRule identity) {
        return new Source(id, "Source " + id, URI.create("https://" + id + ".example.org/feed"), null,
                Source.Kind.LIBRARY, "News", List.of(), Duration.ofMinutes(30), null, List.of(), FetchOptions.DEFAULTS,
                new ItemOptions(identity, ZoneOffset.UTC, false, false, 500, null));
    }

    private SaveResult fetch(String fixture, Source source, Instant now) throws Exception {
        NormalizedFeed feed = normalizer.normalize(parser.parse(bytes(fixture), "application/rss+xml",
                source.url(), null), source);
        return StoredItems.saveFetched(store, source.id(), source.url().toString(), null, null, feed.items(),
                feed.unmappedCategories(), now);
    }

    private static byte[] bytes(String fixture) throws IOException {
        try (InputStream in = FeedEdgeCasesIT.class.getResourceAsStream("/feeds/" + fixture)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "identity {0}")
    @EnumSource(value = ItemOptions.IdentityRule.class, names = {"AUTO", "CONTENT"})
    void kohaNewsWithOnlyTitleAndDescriptionIsStoredOnceAndNothingIsLost(ItemOptions.IdentityRule rule)
            throws Exception {
        Source koha = source("koha", rule);

        SaveResult first = fetch("koha_news_title_description.xml", koha, T0);
        SaveResult again = fetch("koha_news_title_description.xml", koha, T0.plus(Duration.ofHours(1)));

        assertThat(first.added()).isEqualTo(3);
        assertThat(again.added()).isZero();
        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().excerpt()).containsExactlyInAnyOrder(
                "All branches are closed on Monday for staff training.",
                "The mobile library does not run on Monday.",
                "Borrow e-books with your library card.");
    }

    @Test
    void aGuidThatChangesOnEveryFetchWithTheSameLinkAndTitleKeepsOneItemAndItsFirstId() throws Exception {
        Source partner = source("partner", ItemOptions.IdentityRule.AUTO);

        fetch("guid_changes_every_fetch_1.xml", partner, T0);
        List<String> firstIds = StoredItems.of(store, ItemQuery.newest(50)).stream().map(s -> s.item().publicId()).toList();
        SaveResult second = fetch("guid_changes_every_fetch_2.xml", partner, T0.plus(Duration.ofMinutes(30)));

        List<StoredItem> items = StoredItems.of(store, ItemQuery.newest(50));
        assertThat(second.added()).isZero();
        assertThat(items).hasSize(2);
        assertThat(items).extracting(s -> s.item().publicId()).containsExactlyElementsOf(firstIds);
    }

    @Test
    void identityLinkIgnoresTheChangingGuidsFromTheStart() throws Exception {
        Source partner = source("partner", ItemOptions.IdentityRule.LINK);

        fetch("guid_changes_every_fetch_1.xml", partner, T0);
        fetch("guid_changes_every_fetch_2.xml", partner, T0.plus(Duration.ofMinutes(30)));

        assertThat(StoredItems.of(store, ItemQuery.newest(50))).extracting(s -> s.item().identity()).containsExactlyInAnyOrder(
                "link:https://partner.example.org/news/summer-reading",
                "link:https://partner.example.org/news/author-talk");
    }
}
