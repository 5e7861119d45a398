package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.normalize.Item;
import org.tributary.publish.FeedFormat;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;
import org.tributary.testing.TestClock;

/**
 * hide_past_events end to end over a real H2 file: a source's event leaves every output when it starts, with no
 * write to the store in between (the cached document expires at the event start), and other sources are untouched.
 */
class PastEventsIT {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;
    private final TestClock clock = new TestClock(T0);
    private Documents documents;

    @BeforeEach
    void open() throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://library.example.org/", base_url: "http://feeds.example.org" }
                types: [News, Event]
                sources:
                  - { id: branch, title: Branch events, url: "https://branch.example/feed", hide_past_events: true }
                  - { id: partner, title: Partner, url: "https://partner.example/feed" }
                """);
        database = Database.h2(dataDir);
        store = new Store(database, true);
        documents = TestDocuments.of(() -> config, store, new ItemPages(store), new Publisher(), clock, Duration.ZERO);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Item event(String source, String guid, String title, Instant start) {
        return Items.item(source, "guid:" + guid).publicId(source + "-" + guid).guid(guid)
                .link("https://" + source + ".example/" + guid).title(title).excerpt(title).type("Event")
                .published(T0.minus(Duration.ofDays(2))).contentHash("h" + guid).eventStart(start).build();
    }

    private String render(FeedFormat format) {
        return new String(documents.feed(format, null, documents.unfiltered(null), Documents.Mode.RENDER).body(), StandardCharsets.UTF_8);
    }

    @Test
    void anEventLeavesEveryFeedAndThePageWhenItStartsWithoutAnyWrite() {
        StoredItems.saveFetched(store, "branch", "u", null, null, List.of(
                event("branch", "1", "Knitting circle last week", T0.minus(Duration.ofDays(7))),
                event("branch", "2", "Author talk this afternoon", T0.plus(Duration.ofHours(4))),
                event("branch", "3", "New opening hours", null)), Set.of(), T0);
        StoredItems.saveFetched(store, "partner", "u", null, null, List.of(
                event("partner", "1", "Partner webinar last week", T0.minus(Duration.ofDays(7)))), Set.of(), T0);

        for (FeedFormat format : FeedFormat.values()) {
            assertThat(render(format)).as(format.label()).doesNotContain("Knitting circle")
                    .contains("Author talk", "New opening hours", "Partner webinar");
        }
        String page = new String(documents.page(null, documents.unfiltered(null), Documents.Mode.RENDER).body(), StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("Knitting circle").contains("Author talk");

        clock.advance(Duration.ofHours(4));
        assertThat(render(FeedFormat.ATOM)).as("an event is shown while it starts").contains("Author talk");
        clock.advance(Duration.ofSeconds(1));

        assertThat(render(FeedFormat.ATOM)).doesNotContain("Knitting circle", "Author talk")
                .contains("New opening hours", "Partner webinar");
    }
}
