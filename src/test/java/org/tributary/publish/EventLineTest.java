package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.tributary.config.Site;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;

/** The event line in the site's zone and language, and the schema.org Event microdata a reader takes from the page. */
class EventLineTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** 19:00 in Chicago on 11 June is already 12 June in UTC. */
    private static final Event WEBINAR = new Event(Instant.parse("2026-06-12T00:00:00Z"),
            Instant.parse("2026-06-12T01:00:00Z"), false, CHICAGO, "Online", "Training team", "Webinar", false,
            URI.create("https://cal.example.org/register"));

    private static Site site(ZoneId zone, String language) {
        return Site.builder("Events", URI.create("https://library.example.org/"), URI.create("http://localhost:8080"))
                .language(language).timezone(zone).build();
    }

    @Test
    void aWebinarAtSevenInTheEveningInChicagoIsShownOnItsOwnDay() {
        DayTime chicago = new DayTime(CHICAGO, "en");
        assertThat(chicago.eventLine(WEBINAR)).isEqualTo("Thursday 11 June 2026, 7:00–8:00 pm CDT · Online");
        // The same instant read in UTC is on the next day: the zone is what makes it right.
        assertThat(new DayTime(ZoneOffset.UTC, "en").eventLine(WEBINAR)).startsWith("Friday 12 June 2026, 12:00–1:00 am");
        assertThat(chicago.date(WEBINAR.start())).isEqualTo("11 June 2026");
    }

    @Test
    void allDayAndCancelledEventsAndTimesThatCrossNoonOrDays() {
        DayTime chicago = new DayTime(CHICAGO, "en");
        Event allDay = new Event(Instant.parse("2026-06-20T05:00:00Z"), null, true, CHICAGO, null, null, null, true, null);
        assertThat(chicago.eventLine(allDay)).isEqualTo("Cancelled · Saturday 20 June 2026, all day");
        Event acrossNoon = new Event(Instant.parse("2026-06-11T16:00:00Z"), Instant.parse("2026-06-11T18:30:00Z"),
                false, CHICAGO, null, null, null, false, null);
        assertThat(chicago.eventLine(acrossNoon)).isEqualTo("Thursday 11 June 2026, 11:00 am–1:30 pm CDT");
    }

    @Test
    void otherLanguagesTakeDayAndMonthNamesAndTheClockFromTheJdksLocaleData() {
        String french = new DayTime(ZoneId.of("Europe/Paris"), "fr").when(WEBINAR);
        assertThat(french).contains("vendredi", "12 juin 2026", "02:00").doesNotContain("June", "pm");
        assertThat(new DayTime(ZoneId.of("Europe/Berlin"), "de").when(WEBINAR)).contains("Freitag", "Juni");
    }

    @Test
    void thePageShowsTheEventLineAndCarriesSchemaOrgEventMicrodata() {
        Item item = Items.item("wls", "guid:1").publicId("pid-1").guid("1").link("https://wls.example.org/e/1")
                .title("Grant writing").excerpt("Learn to write grants").type("Webinar")
                .published(Instant.parse("2026-05-01T12:00:00Z")).event(WEBINAR).build();
        StoredItem stored = new StoredItem(item, item.published(), item.published(), item.published());
        String html = new Publisher().html(FeedView.merged(site(CHICAGO, "en"), List.of(), "", List.of(stored),
                Fixtures.SOURCES_BY_ID, Fixtures.RENDERED));

        Document doc = Jsoup.parse(html);
        assertThat(doc.select("p.event").text()).isEqualTo("Thursday 11 June 2026, 7:00–8:00 pm CDT · Online · Register");
        // Read back as a microdata parser does: the scope, then each itemprop that belongs to it.
        Element event = doc.selectFirst("[itemscope][itemtype=https://schema.org/Event]");
        assertThat(event).isNotNull();
        assertThat(event.selectFirst("[itemprop~=name]").text()).isEqualTo("Grant writing");
        assertThat(event.selectFirst("[itemprop=startDate]").attr("datetime")).isEqualTo("2026-06-12T00:00:00Z");
        assertThat(event.selectFirst("[itemprop=endDate]").attr("content")).isEqualTo("2026-06-12T01:00:00Z");
        Element place = event.selectFirst("[itemprop=location][itemscope]");
        assertThat(place.attr("itemtype")).isEqualTo("https://schema.org/Place");
        assertThat(place.selectFirst("[itemprop=name]").text()).isEqualTo("Online");
        assertThat(event.selectFirst("[itemprop=organizer]").attr("content")).isEqualTo("Training team");
        assertThat(event.select("[itemprop=eventStatus]")).isEmpty();
        // The publish date is the item's own, in the site's zone; never the event's.
        assertThat(doc.select("p.meta time").text()).isEqualTo("1 May 2026");
    }

    @Test
    void jsonFeedCarriesTheEventUnderTributary() throws Exception {
        Item item = Items.item("wls", "guid:1").publicId("pid-1").guid("1").link("https://wls.example.org/e/1")
                .title("Grant writing").excerpt("Learn to write grants").type("Webinar")
                .published(Instant.parse("2026-05-01T12:00:00Z")).event(WEBINAR).build();
        StoredItem stored = new StoredItem(item, item.published(), item.published(), item.published());
        String json = new Publisher().jsonFeed(FeedView.merged(site(CHICAGO, "en"), List.of(), "", List.of(stored),
                Fixtures.SOURCES_BY_ID, Fixtures.RENDERED));
        var event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("items").get(0)
                .get("_tributary").get("event");
        assertThat(event.get("start").asText()).isEqualTo("2026-06-12T00:00:00Z");
        assertThat(event.get("end").asText()).isEqualTo("2026-06-12T01:00:00Z");
        assertThat(event.get("timezone").asText()).isEqualTo("America/Chicago");
        assertThat(event.get("location").asText()).isEqualTo("Online");
        assertThat(event.get("type").asText()).isEqualTo("Webinar");
        assertThat(event.get("cancelled").asBoolean()).isFalse();
        assertThat(event.get("registration_url").asText()).isEqualTo("https://cal.example.org/register");
        // The item's own date stays its date.
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("items").get(0)
                .get("date_published").asText()).startsWith("2026-05-01");
    }
}
