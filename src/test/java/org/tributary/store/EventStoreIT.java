package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;
import org.tributary.testing.TestDatabase;

/** An item's event kept whole (V11) on each real database, its date never its event's, its revision counted. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class EventStoreIT {

    private static final Instant SEEN = Instant.parse("2026-05-01T12:00:00Z");
    private static final Instant LATER = Instant.parse("2026-05-02T12:00:00Z");

    @Parameter
    TestDatabase vendor;

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;

    @BeforeEach
    void open() {
        database = vendor.create(dataDir).open();
        store = new Store(database, true);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Item item(Event event, String hash) {
        return Items.item("cal", "guid:1").publicId("pid-cal-1").guid("1").link("https://cal.example.org/e/1")
                .title("Webinar").excerpt("A webinar").type("Events").contentHash(hash).event(event).build();
    }

    @Test
    void theWholeEventComesBackAndAnUndatedEventItemIsDatedWhenFirstSeenNotByItsFutureStart() {
        Event event = new Event(Instant.parse("2026-06-12T00:00:00Z"), Instant.parse("2026-06-12T01:00:00Z"), false,
                ZoneId.of("America/Chicago"), "Online", "Training team", "Webinar", false,
                URI.create("https://cal.example.org/e/1/register"));
        StoredItems.saveFetched(store, "cal", "https://cal.example.org/feed", null, null, List.of(item(event, "h1")), Set.of(), SEEN);

        StoredItem stored = StoredItems.of(store, ItemQuery.newest(10)).get(0);
        assertThat(stored.item().event()).isEqualTo(event);
        assertThat(stored.item().eventStart()).isEqualTo(event.start());
        assertThat(stored.date()).isEqualTo(SEEN);
        assertThat(stored.revision()).isZero();
    }

    @Test
    void aChangedEventIsStoredAsAChangeAndItsRevisionGrows() {
        Event first = new Event(Instant.parse("2026-06-20T05:00:00Z"), null, true, ZoneId.of("America/Chicago"),
                null, null, null, false, null);
        Event cancelled = new Event(first.start(), null, true, first.zone(), null, null, null, true, null);
        StoredItems.saveFetched(store, "cal", "u", null, null, List.of(item(first, "h1")), Set.of(), SEEN);
        StoredItems.saveFetched(store, "cal", "u", null, null, List.of(item(cancelled, "h2")), Set.of(), LATER);

        StoredItem stored = StoredItems.of(store, ItemQuery.newest(10)).get(0);
        assertThat(stored.item().event().cancelled()).isTrue();
        assertThat(stored.item().event().allDay()).isTrue();
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.changedAt()).isEqualTo(LATER);
    }
}
