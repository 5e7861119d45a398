package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.config.FetchOptions;
import org.tributary.config.ItemOptions.IdentityRule;
import org.tributary.config.ItemOptions;
import org.tributary.config.Source;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;

/** Events read from each kind of feed that carries them, through parse and normalize, from fixture files. */
class EventFieldsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    static Source source(String id, ZoneId zone) {
        ItemOptions options = new ItemOptions(IdentityRule.AUTO, zone, false, false, ItemOptions.DEFAULT_KEEP_ITEMS, null);
        return new Source(id, "Source " + id, URI.create("https://" + id + ".example.org/feed"), null,
                Source.Kind.PARTNER, "Events", List.of("programmes"), Duration.ofMinutes(30), null, List.of(),
                FetchOptions.DEFAULTS, options);
    }

    static List<Item> items(String fixture, String contentType, Source source) throws Exception {
        byte[] body;
        try (InputStream in = EventFieldsTest.class.getResourceAsStream("/events/" + fixture)) {
            if (in == null) throw new IOException("no fixture " + fixture);
            body = in.readAllBytes();
        }
        ParsedFeed feed = new FeedParser().parse(body, contentType, source.url(), null);
        return new Normalizer(200).normalize(feed, source).items();
    }

    @Test
    void libCalDatesAndTimesAreReadInTheSourcesZoneWithRoomAndBranchAsTheLocation() throws Exception {
        List<Item> items = items("libcal.xml", "application/rss+xml", source("libcal", CHICAGO));

        assertThat(items).hasSize(3);
        Event webinar = items.get(0).event();
        assertThat(webinar.start()).isEqualTo(Instant.parse("2026-06-12T00:00:00Z")); // 19:00 CDT
        assertThat(webinar.end()).isEqualTo(Instant.parse("2026-06-12T01:00:00Z"));
        assertThat(webinar.allDay()).isFalse();
        assertThat(webinar.zone()).isEqualTo(CHICAGO);
        assertThat(webinar.location()).isEqualTo("Online, Central Library");
        assertThat(webinar.cancelled()).isFalse();
        assertThat(items.get(0).eventStart()).isEqualTo(webinar.start());

        assertThat(items.get(1).event().cancelled()).as("\"Cancelled:\" in the title").isTrue();
        assertThat(items.get(1).title()).isEqualTo("Cancelled: Story Time");

        Event allDay = items.get(2).event();
        assertThat(allDay.allDay()).isTrue();
        assertThat(allDay.firstDay()).hasToString("2026-06-20");
        assertThat(allDay.lastDay()).hasToString("2026-06-20");
        assertThat(allDay.end()).isNull();
    }

    @Test
    void theEventModuleGivesStartEndPlaceOrganizerAndTypeAndNeverTheItemsDate() throws Exception {
        List<Item> items = items("ev.xml", "application/rdf+xml", source("ev", java.time.ZoneOffset.UTC));

        Item webinar = items.get(0);
        Event event = webinar.event();
        assertThat(event.start()).isEqualTo(Instant.parse("2026-06-11T19:00:00Z"));
        assertThat(event.end()).isEqualTo(Instant.parse("2026-06-11T21:00:00Z"));
        assertThat(event.location()).isEqualTo("Online");
        assertThat(event.organizer()).isEqualTo("Consortium Training Team");
        assertThat(event.type()).isEqualTo("Webinar");
        assertThat(webinar.published()).as("dc:date, not the event").isEqualTo(Instant.parse("2026-05-01T09:00:00Z"));

        Item undated = items.get(1);
        assertThat(undated.published()).as("left to the store: first seen").isNull();
        assertThat(undated.event().allDay()).isTrue();
        assertThat(undated.event().firstDay()).hasToString("2027-01-20");
    }

    @Test
    void schemaOrgEventsAreReadFromJsonLdAndFromMicrodataInTheItemsHtml() throws Exception {
        List<Item> items = items("schema-org.xml", "application/rss+xml", source("schema", java.time.ZoneOffset.UTC));

        Event talk = items.get(0).event();
        assertThat(talk.start()).isEqualTo(Instant.parse("2026-06-18T17:30:00Z"));
        assertThat(talk.end()).isEqualTo(Instant.parse("2026-06-18T19:00:00Z"));
        assertThat(talk.location()).isEqualTo("Northfield Library, 1 High Street, Northfield");
        assertThat(talk.organizer()).isEqualTo("Friends of Northfield Library");
        assertThat(talk.type()).isEqualTo("Education event");
        assertThat(talk.registration()).hasToString("https://northfield.example.org/events/author-talk/register");
        assertThat(talk.cancelled()).isFalse();
        assertThat(items.get(0).contentHtml()).as("the script itself never reaches a reader").doesNotContain("ld+json");

        Event club = items.get(1).event();
        assertThat(club.start()).isEqualTo(Instant.parse("2026-06-20T13:00:00Z"));
        assertThat(club.location()).isEqualTo("Makerspace");
        assertThat(club.cancelled()).isTrue();
    }

    @Test
    void aChangedEventChangesTheContentHashSoTheItemIsPublishedAgain() throws Exception {
        Source source = source("libcal", CHICAGO);
        List<Item> before = items("libcal.xml", "application/rss+xml", source);
        byte[] moved;
        try (InputStream in = EventFieldsTest.class.getResourceAsStream("/events/libcal.xml")) {
            moved = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("<libcal:location>Online</libcal:location>", "<libcal:location>Room 2</libcal:location>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        List<Item> after = new Normalizer(200).normalize(
                new FeedParser().parse(moved, "application/rss+xml", source.url(), null), source).items();

        assertThat(after.get(0).publicId()).isEqualTo(before.get(0).publicId());
        assertThat(after.get(0).contentHash()).isNotEqualTo(before.get(0).contentHash());
        assertThat(after.get(1).contentHash()).isEqualTo(before.get(1).contentHash());
    }
}
