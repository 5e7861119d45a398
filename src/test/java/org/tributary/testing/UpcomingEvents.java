package org.tributary.testing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.store.Store;

/**
 * A partner's programme calendar as the events pages and calendars see it at {@link #NOW} (Monday 1 June 2026, 10:00
 * in Chicago): a webinar at 19:00 Chicago time on Thursday 4 June (already Friday 5 June in UTC), an all-day book
 * fair on Saturday 20 June, a cancelled webinar on Wednesday 10 June at 14:00, and a workshop that ended a week ago
 * (in the calendars' last 30 days, on no events page).
 */
public final class UpcomingEvents {

    public static final Instant NOW = Instant.parse("2026-06-01T15:00:00Z");
    public static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    public static final String WEBINAR = "Grant writing webinar";
    public static final String FAIR = "Book fair";
    public static final String CANCELLED = "Storytime online";
    public static final String PAST = "Genealogy workshop";

    /** 19:00–20:00 in Chicago on 4 June: 00:00–01:00 UTC on 5 June. */
    public static final Instant WEBINAR_START = Instant.parse("2026-06-05T00:00:00Z");
    public static final Instant WEBINAR_END = Instant.parse("2026-06-05T01:00:00Z");
    /** The past workshop's end: it leaves the calendars 30 days after it. */
    public static final Instant PAST_END = Instant.parse("2026-05-25T18:00:00Z");

    private UpcomingEvents() {
    }

    /**
     * feeds.yml with the calendar source "westfield" in topic "programmes", site.timezone America/Chicago and
     * site.language {@code language}; the pages list 20 items, so every events document is one page.
     */
    public static String yaml(String language) {
        return """
                site:
                  title: Westfield events
                  link: https://library.example.org/
                  base_url: http://feeds.example.org
                  timezone: America/Chicago
                  language: %s
                  items: 20
                types: [News, Webinar, Event]
                topics:
                  - { id: programmes, title: Westfield programmes }
                sources:
                  - { id: westfield, title: Westfield Library System, url: "https://westfield.example/events.ics",
                      type: Event, topics: [programmes] }
                """.formatted(language);
    }

    /** Stores the four events as one fetch of "westfield" at {@code at}. */
    public static void save(Store store, Instant at) {
        StoredItems.saveFetched(store, "westfield", "https://westfield.example/events.ics", null, null, List.of(
                item("webinar", WEBINAR, "Webinar", new Event(WEBINAR_START, WEBINAR_END, false, CHICAGO, "Zoom",
                        "Training team", null, false, URI.create("https://westfield.example/e/webinar/register"))),
                item("fair", FAIR, "Event", new Event(Instant.parse("2026-06-20T05:00:00Z"), null, true, CHICAGO,
                        "Central Library", null, null, false, null)),
                item("cancelled", CANCELLED, "Webinar", new Event(Instant.parse("2026-06-10T19:00:00Z"),
                        Instant.parse("2026-06-10T19:45:00Z"), false, CHICAGO, null, null, null, true, null)),
                item("past", PAST, "Event", new Event(PAST_END.minus(Duration.ofHours(2)), PAST_END, false, CHICAGO,
                        "Room 2", null, null, false, null))), Set.of(), at);
    }

    private static Item item(String id, String title, String type, Event event) {
        return Items.item("westfield", "guid:" + id).publicId("westfield-" + id).guid(id)
                .link("https://westfield.example/e/" + id).title(title).excerpt(title + ".").type(type)
                .topics("programmes").published(NOW.minus(Duration.ofDays(20))).contentHash("h" + id).event(event)
                .build();
    }
}
