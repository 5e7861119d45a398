package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tributary.config.Source;
import org.tributary.parse.FeedParseException;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;

/** An iCalendar source through parse and normalize: recurrences, overrides, cancelled and all-day events, bad parts. */
class CalendarSourceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final Source source = EventFieldsTest.source("westfield", ZoneId.of("America/Chicago"));

    private ParsedFeed parse(byte[] body, String type) throws FeedParseException {
        return new FeedParser(InstantSource.fixed(NOW)).parse(body, type, source.url(), null);
    }

    private byte[] fixture() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/events/calendar.ics")) {
            return in.readAllBytes();
        }
    }

    @Test
    @Timeout(20)
    void everyEventAndEveryOccurrenceWithinTheWindowIsAnItemWithAStableId() throws Exception {
        ParsedFeed feed = parse(fixture(), "text/calendar; charset=utf-8");
        List<Item> items = new Normalizer(200).normalize(feed, source).items();

        assertThat(feed.format()).isEqualTo("icalendar");
        assertThat(feed.title()).isEqualTo("Westfield programmes");
        // Six weekly book clubs less the one excluded, one of them moved by its override.
        List<Item> clubs = items.stream().filter(i -> i.title().startsWith("Book club")).toList();
        assertThat(clubs).extracting(i -> i.event().start()).containsExactly(
                Instant.parse("2026-06-05T00:00:00Z"), Instant.parse("2026-06-12T00:00:00Z"),
                Instant.parse("2026-06-25T23:00:00Z"), Instant.parse("2026-07-03T00:00:00Z"),
                Instant.parse("2026-07-10T00:00:00Z"));
        assertThat(clubs.get(2).title()).isEqualTo("Book club (early this week)");
        assertThat(clubs.get(0).guid()).isEqualTo("book-club@westfield.example.org/20260605T000000Z");
        assertThat(clubs.get(0).event().end()).isEqualTo(Instant.parse("2026-06-05T01:00:00Z"));
        assertThat(clubs.get(3).event().end()).isEqualTo(Instant.parse("2026-07-03T01:00:00Z"));
        assertThat(clubs.get(0).event().location()).isEqualTo("Meeting Room B, Central Library");
        assertThat(clubs.get(0).event().organizer()).isEqualTo("Adult Services");
        assertThat(clubs.get(0).categories()).containsExactly("Book clubs", "Adults");
        assertThat(clubs.get(0).link()).hasToString("https://westfield.example.org/events/book-club");
        assertThat(clubs.get(0).excerpt()).contains("New members welcome.");
        assertThat(clubs.get(0).published()).as("no CREATED: dated when first seen").isNull();

        Item webinar = items.stream().filter(i -> i.title().equals("Grant writing webinar")).findFirst().orElseThrow();
        assertThat(webinar.event().cancelled()).isTrue();
        Item closed = items.stream().filter(i -> i.title().equals("Library closed")).findFirst().orElseThrow();
        assertThat(closed.event().allDay()).isTrue();
        assertThat(closed.event().firstDay()).hasToString("2026-07-04");
        assertThat(closed.event().lastDay()).hasToString("2026-07-04");

        // Read again a day later: the same occurrences keep the same public ids.
        List<Item> again = new Normalizer(200).normalize(new FeedParser(InstantSource.fixed(NOW.plus(Duration.ofDays(1))))
                .parse(fixture(), "text/calendar", source.url(), null), source).items();
        assertThat(again).extracting(Item::publicId).containsAll(items.stream()
                .filter(i -> !i.event().start().isBefore(NOW.plus(Duration.ofDays(1)))).map(Item::publicId).toList());
    }

    @Test
    @Timeout(20)
    void aHostileRuleAndABadDateCostOnlyTheirOwnEvents() throws Exception {
        ParsedFeed feed = parse(fixture(), "text/calendar");

        assertThat(feed.entries()).filteredOn(e -> e.title().equals("Hostile")).hasSizeLessThanOrEqualTo(1);
        assertThat(feed.entries()).noneMatch(e -> e.title().equals("Broken event"));
        assertThat(feed.entries()).anyMatch(e -> e.title().equals("Library closed"));
        assertThat(feed.warnings()).isNotEmpty();
    }

    @Test
    @Timeout(20)
    void aBodyThatStartsLikeACalendarIsOneWhateverItsTypeAndOneWithoutEventsIsAnError() throws Exception {
        assertThat(parse(fixture(), "application/octet-stream").entries()).isNotEmpty();
        assertThatThrownBy(() -> parse("BEGIN:VCALENDAR\r\nthis is not".getBytes(StandardCharsets.UTF_8), "text/calendar"))
                .isInstanceOf(FeedParseException.class).hasMessageStartingWith("not a calendar");
    }
}
