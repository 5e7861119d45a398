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
 * The span of time in which lists of events read the same with no write, on each real database: between one event
 * end and the next (the events pages) or the same 30 days later (the calendars); open once nothing is listed.
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

    private Events.Span at(String now) {
        return events.unchangedSpan(Instant.parse(now), PAST);
    }

    private static Events.Span span(String after, String through) {
        return new Events.Span(after == null ? null : Instant.parse(after), through == null ? null : Instant.parse(through));
    }

    @Test
    void theListsHoldFromJustAfterOneEventEndToTheNextOrToThirtyDaysAfterOne() {
        // From the past workshop's end to the webinar's, the last moment the webinar is listed.
        Events.Span now = events.unchangedSpan(UpcomingEvents.NOW, PAST);
        assertThat(now).isEqualTo(new Events.Span(UpcomingEvents.PAST_END, UpcomingEvents.WEBINAR_END));
        assertThat(events.unchangedSpan(UpcomingEvents.WEBINAR_END, PAST)).as("the same span: two exports agree")
                .isEqualTo(now);
        assertThat(at("2026-05-25T18:00:01Z")).isEqualTo(now);
        assertThat(at("2026-06-05T01:00:01Z")).isEqualTo(span("2026-06-05T01:00:00Z", "2026-06-10T19:45:00Z"));
        // Once the all-day fair (no end: its start) has begun, no page lists anything: the calendars decide.
        assertThat(at("2026-06-21T00:00:00Z")).isEqualTo(span("2026-06-20T05:00:00Z", "2026-06-24T18:00:00Z"));
        assertThat(at("2026-06-25T00:00:00Z")).isEqualTo(span("2026-06-24T18:00:00Z", "2026-07-05T01:00:00Z"));
        assertThat(at("2026-07-19T00:00:00Z")).isEqualTo(span("2026-07-10T19:45:00Z", "2026-07-20T05:00:00Z"));
    }

    @Test
    void beforeEveryEventAndOnceNothingIsListedTheSpanIsOpenOnThatSide() {
        assertThat(at("2026-05-01T00:00:00Z")).isEqualTo(span(null, "2026-05-25T18:00:00Z"));
        assertThat(at("2026-07-20T05:00:01Z")).isEqualTo(span("2026-07-20T05:00:00Z", null));
        assertThat(at("2027-01-01T00:00:00Z")).isEqualTo(span("2026-07-20T05:00:00Z", null));
    }
}
