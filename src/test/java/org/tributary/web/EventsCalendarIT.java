package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;
import org.tributary.testing.Items;
import org.tributary.testing.PythonIcs;
import org.tributary.testing.StoredItems;
import org.tributary.testing.TestClock;

/**
 * /events and /events.ics over a real H2 file: soonest first, upcoming only on the page, the last 30 days and the
 * future in the calendar; the calendar read back by ical4j and by Python's icalendar.
 */
class EventsCalendarIT {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @TempDir
    Path dataDir;

    private Database database;
    private Store store;
    private Documents documents;
    private Config config;

    @BeforeEach
    void open() throws Exception {
        config = new ConfigLoader().parse("feeds.yml", """
                site: { title: Events, link: "https://library.example.org/", base_url: "http://feeds.example.org",
                        timezone: America/Chicago }
                types: [News, Event]
                topics: [{ id: programmes, title: Programmes }]
                sources:
                  - { id: cal, title: Westfield calendar, url: "https://cal.example/feed.ics", type: Event,
                      topics: [programmes] }
                """);
        database = Database.h2(dataDir);
        store = new Store(database, true);
        documents = TestDocuments.of(() -> config, store, new ItemPages(store), new Publisher(), new TestClock(NOW),
                Duration.ZERO);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Item item(String id, String title, Event event) {
        return Items.item("cal", "guid:" + id).publicId("cal-" + id).guid(id).link("https://cal.example/e/" + id)
                .title(title).excerpt(title + " excerpt").type("Event").topics("programmes")
                .contentHash("h" + id + event.hashCode()).event(event).build();
    }

    private void save(Instant at, Item... items) {
        StoredItems.saveFetched(store, "cal", "u", null, null, List.of(items), Set.of(), at);
    }

    private String render(boolean calendar) {
        return new String(documents.events(null, documents.unfiltered(null), calendar, Documents.Mode.RENDER).body(),
                StandardCharsets.UTF_8);
    }

    private void saveFixtures(Event webinarEvent) {
        save(NOW.minus(Duration.ofDays(40)),
                item("old", "Long ago", new Event(NOW.minus(Duration.ofDays(35)), null, false, null, null, null, null,
                        false, null)),
                item("recent", "Last week", new Event(NOW.minus(Duration.ofDays(7)), null, false, null, null, null,
                        null, false, null)),
                item("webinar", "Grant writing webinar", webinarEvent),
                item("fair", "Book fair", new Event(Instant.parse("2026-06-20T05:00:00Z"), null, true, CHICAGO,
                        "Central Library", null, null, true, null)));
    }

    private static final Event WEBINAR = new Event(Instant.parse("2026-06-12T00:00:00Z"),
            Instant.parse("2026-06-12T01:00:00Z"), false, CHICAGO, "Online", "Training team", "Webinar", false, null);

    @Test
    void theEventsPageIsPagedSoonestFirstAndNextLeadsToTheLaterEvents() throws Exception {
        saveFixtures(WEBINAR);
        java.util.Map<String, List<String>> query = new java.util.HashMap<>(java.util.Map.of("limit", List.of("1")));
        FeedFilter first = FeedFilter.parse(query, config, null, config.site().items(), true);
        Document one = Jsoup.parse(new String(documents.events(null, first, false, Documents.Mode.RENDER).body(),
                StandardCharsets.UTF_8));
        assertThat(one.select("article h2").eachText()).containsExactly("Grant writing webinar");
        String next = one.select("link[rel=next]").attr("href");
        assertThat(next).startsWith("/events?limit=1&after=");
        assertThat(one.select("nav.pages a").eachText()).containsExactly("Later events →");

        query.put("after", List.of(next.substring(next.indexOf("after=") + "after=".length())));
        FeedFilter later = FeedFilter.parse(query, config, null, config.site().items(), true);
        Document two = Jsoup.parse(new String(documents.events(null, later, false, Documents.Mode.RENDER).body(),
                StandardCharsets.UTF_8));
        assertThat(two.select("article h2").eachText()).containsExactly("Book fair");
        assertThat(two.select("link[rel=next]")).isEmpty();
        assertThat(two.select("link[rel=prev]").attr("href")).startsWith("/events?limit=1&before=");
        assertThat(two.select("nav.pages a").eachText()).containsExactly("Soonest", "← Sooner events");
    }

    @Test
    void thePageListsUpcomingEventsSoonestFirstOnTheirDaysInTheSitesZone() {
        saveFixtures(WEBINAR);

        Document page = Jsoup.parse(render(false));
        assertThat(page.select("article h2").eachText()).containsExactly("Grant writing webinar", "Book fair");
        assertThat(page.select("p.event").eachText()).containsExactly(
                "Thursday 11 June 2026, 7:00–8:00 pm CDT · Online",
                "Cancelled · Saturday 20 June 2026, all day · Central Library");
    }

    @Test
    void theCalendarReadsBackInIcal4jAndInPythonsIcalendarWithStableUidsAndAGrowingSequence() throws Exception {
        saveFixtures(WEBINAR);
        String first = render(true);
        save(NOW.minus(Duration.ofDays(1)), item("webinar", "Grant writing webinar", new Event(WEBINAR.start(),
                WEBINAR.end(), false, CHICAGO, "Room 2", "Training team", "Webinar", false, null)));
        String second = render(true);

        Calendar one = new CalendarBuilder().build(new StringReader(first));
        Calendar two = new CalendarBuilder().build(new StringReader(second));
        List<VEvent> events = vevents(two);
        assertThat(events).extracting(v -> v.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .containsExactly("Last week", "Grant writing webinar", "Book fair");
        VEvent webinar = events.get(1);
        assertThat(prop(webinar, Property.UID)).isEqualTo("cal-webinar@feeds.example.org")
                .isEqualTo(prop(vevents(one).get(1), Property.UID));
        assertThat(prop(vevents(one).get(1), Property.SEQUENCE)).isEqualTo("0");
        assertThat(prop(webinar, Property.SEQUENCE)).isEqualTo("1");
        assertThat(prop(webinar, Property.DTSTART)).isEqualTo("20260612T000000Z");
        assertThat(prop(webinar, Property.LOCATION)).isEqualTo("Room 2");
        assertThat(prop(webinar, Property.URL)).isEqualTo("https://cal.example/e/webinar");
        assertThat(prop(webinar, Property.DESCRIPTION)).contains("Grant writing webinar excerpt", "https://cal.example/e/webinar");
        assertThat(prop(webinar, Property.CATEGORIES)).contains("Webinar", "Event", "programmes");
        assertThat(second).contains("DTSTART;VALUE=DATE:20260620", "DTEND;VALUE=DATE:20260621", "STATUS:CANCELLED");

        Path file = dataDir.resolve("events.ics");
        Files.writeString(file, second);
        List<JsonNode> python = PythonIcs.read(file);
        assertThat(python.get(0).get("name").asText()).isEqualTo("Events");
        assertThat(python.subList(1, python.size())).extracting(n -> n.get("summary").asText())
                .containsExactly("Last week", "Grant writing webinar", "Book fair");
        JsonNode py = python.get(2);
        assertThat(py.get("uid").asText()).isEqualTo("cal-webinar@feeds.example.org");
        assertThat(py.get("dtstart").asText()).isEqualTo("2026-06-12T00:00:00+00:00");
        assertThat(py.get("sequence").asText()).isEqualTo("1");
        assertThat(python.get(3).get("dtstart").asText()).isEqualTo("2026-06-20");
        assertThat(python.get(3).get("status").asText()).isEqualTo("CANCELLED");
    }

    private static List<VEvent> vevents(Calendar calendar) {
        List<VEvent> out = new ArrayList<>();
        for (CalendarComponent c : calendar.getComponents()) if (c instanceof VEvent v) out.add(v);
        return out;
    }

    private static String prop(VEvent v, String name) {
        return v.getProperty(name).orElseThrow(() -> new AssertionError("no " + name)).getValue();
    }
}
