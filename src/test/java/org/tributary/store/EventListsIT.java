package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.testing.TestDatabase;
import org.tributary.testing.UpcomingEvents;

/**
 * How long lists of events stay the same with no write, on each real database: until the next listed event is over
 * (the events pages) or 30 days after the earliest end the calendars still list; never, once nothing is listed.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class EventListsIT {

    private static final Duration PAST = Duration.ofDays(30);

    @Parameter
    TestDatabase vendor;

    @TempDir
    Path dataDir;

    private Database database;
    private Events events;

    @BeforeEach
    void open() {
        database = vendor.create(dataDir).open();
        Store store = new Store(database, true);
        UpcomingEvents.save(store, UpcomingEvents.NOW.minus(Duration.ofDays(1)));
        events = new Events(store);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Instant through(String now) {
        return events.listsUnchangedThrough(Instant.parse(now), PAST);
    }

    @Test
    void theListsHoldUntilTheNextListedEventIsOverOrLeavesTheCalendarsThirtyDaysLater() {
        // The webinar's end comes before the past workshop's 30 days are up.
        assertThat(events.listsUnchangedThrough(UpcomingEvents.NOW, PAST)).isEqualTo(UpcomingEvents.WEBINAR_END);
        // Exactly at its end the webinar is still listed; a second later the cancelled one's end is next.
        assertThat(events.listsUnchangedThrough(UpcomingEvents.WEBINAR_END, PAST)).isEqualTo(UpcomingEvents.WEBINAR_END);
        assertThat(through("2026-06-05T01:00:01Z")).isEqualTo(Instant.parse("2026-06-10T19:45:00Z"));
        // Once the all-day fair (no end: its start) has begun, no page lists anything: the calendars decide.
        assertThat(through("2026-06-21T00:00:00Z")).isEqualTo(UpcomingEvents.PAST_END.plus(PAST));
        assertThat(through("2026-06-25T00:00:00Z")).isEqualTo(UpcomingEvents.WEBINAR_END.plus(PAST));
        assertThat(through("2026-07-19T00:00:00Z")).isEqualTo(Instant.parse("2026-07-20T05:00:00Z"));
    }

    @Test
    void withNothingListedAnywhereOnlyAWriteChangesTheLists() {
        assertThat(through("2026-07-20T05:00:01Z")).isNull();
        assertThat(through("2027-01-01T00:00:00Z")).isNull();
    }
}
