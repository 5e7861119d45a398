package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.web.WebFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.testing.Items;
import org.tributary.testing.PythonIcs;
import org.tributary.testing.StoredItems;

/**
 * /events.ics and /topics/{id}/events.ics as a calendar client gets them: over real HTTP from a server on loopback
 * with stored events, with the headers a subscriber relies on, filtered like the feeds, and read back by two
 * independent parsers (ical4j and Python's icalendar) that must agree on the events' UIDs.
 */
class CalendarHttpIT {

    @TempDir
    Path dataDir;

    private WebFixture web;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dataDir, null);
        Instant soon = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        saveEvent("meet", "Partners meet-up", "Webinar", "partnerships", soon);
        saveEvent("news", "Story time announced", "News", "programming", soon.plus(Duration.ofDays(1)));
        saveEvent("code", "Coding club", "Webinar", "programming", soon.plus(Duration.ofDays(2)));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** One event item of source "partner", in its own fetch, with the given type and topic. */
    private void saveEvent(String id, String title, String type, String topic, Instant start) {
        Item item = Items.item("partner", "guid:" + id).publicId("pid-" + id).guid(id)
                .link("https://example.org/" + id).title(title).summaryHtml("<p>" + title + "</p>")
                .excerpt("Excerpt of " + title).type(type).topics(topic)
                .published(Instant.now().minus(Duration.ofDays(1))).contentHash("h" + id)
                .event(new Event(start, start.plus(Duration.ofHours(1)), false, null, "Online", null, null, false, null))
                .build();
        StoredItems.saveFetched(web.store, "partner", "u", null, null, List.of(item), Set.of(),
                Instant.now().minus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events.ics", "/topics/programming/events.ics"})
    void aCalendarIsTextCalendarInUtf8ForAnyOriginWithAnEtagThat304s(String path) throws Exception {
        HttpResponse<byte[]> r = web.get(path);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.toLowerCase().replace(" ", "")).isEqualTo("text/calendar;charset=utf-8"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String etag = r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
        assertThat(text(r)).startsWith("BEGIN:VCALENDAR");

        HttpResponse<byte[]> again = web.get(path, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(web.get(path, "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events.ics", "/topics/programming/events.ics"})
    void aCalendarIsGzippedWhenAskedAndUnzipsToThePlainBody(String path) throws Exception {
        HttpResponse<byte[]> zipped = web.get(path, "Accept-Encoding", "gzip");

        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept-Encoding"));
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        HttpResponse<byte[]> plain = web.get(path);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(unzipped).isEqualTo(text(plain));
    }

    @Test
    void theFeedsFiltersChooseTheEvents() throws Exception {
        assertThat(uids("/events.ics")).containsExactly(uid("meet"), uid("news"), uid("code"));
        assertThat(uids("/events.ics?type=News")).containsExactly(uid("news"));
        assertThat(uids("/events.ics?type=Webinar")).containsExactly(uid("meet"), uid("code"));
        assertThat(uids("/topics/partnerships/events.ics")).containsExactly(uid("meet"));
        assertThat(uids("/topics/programming/events.ics")).containsExactly(uid("news"), uid("code"));
        assertThat(uids("/topics/programming/events.ics?type=Webinar")).containsExactly(uid("code"));
        assertThat(uids("/topics/partnerships/events.ics?type=News")).isEmpty();
    }

    @Test
    void ical4jAndPythonsIcalendarReadTheSameEventsFromTheWire() throws Exception {
        for (String path : List.of("/events.ics", "/topics/programming/events.ics?type=Webinar")) {
            HttpResponse<byte[]> r = web.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            Path file = dataDir.resolve("wire.ics");
            Files.write(file, r.body());

            List<String> ours = ical4jUids(text(r));
            assertThat(ours).as(path).isNotEmpty();
            List<JsonNode> python = PythonIcs.read(file);
            assertThat(python.get(0).get("name").asText()).isEqualTo(path.startsWith("/topics")
                    ? "Library programming — Most Recently Added" : "Most Recently Added");
            assertThat(python.subList(1, python.size())).extracting(n -> n.get("uid").asText()).as(path)
                    .containsExactlyElementsOf(ours);
            assertThat(python.subList(1, python.size())).extracting(n -> n.get("location").asText())
                    .containsOnly("Online");
        }
    }

    private static String uid(String id) {
        return "pid-" + id + "@feeds.example.org";
    }

    private List<String> uids(String path) throws Exception {
        HttpResponse<byte[]> r = web.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return ical4jUids(text(r));
    }

    private static List<String> ical4jUids(String ics) throws Exception {
        List<String> uids = new ArrayList<>();
        for (VEvent v : new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponents("VEVENT")) {
            uids.add(v.getProperty(Property.UID).orElseThrow().getValue());
        }
        return uids;
    }
}
