package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdom2.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tributary.normalize.Event;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;

/**
 * What Atom and RSS carry beside the item itself, read back with Rome: the event module (ev:), the image's
 * media:thumbnail and media:credit. Real readers and the validator read the same documents in FeedExtensionsIT.
 */
class FeedExtensionsTest {

    private static final String EV = "http://purl.org/rss/1.0/modules/event/";
    private final Publisher publisher = new Publisher();

    private SyndEntry first(String format, FeedView view) throws Exception {
        String xml = format.equals("atom") ? publisher.atom(view) : publisher.rss(view);
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        return feed.getEntries().get(0);
    }

    private static Map<String, String> ev(SyndEntry entry) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element e : entry.getForeignMarkup()) {
            if (e.getNamespaceURI().equals(EV)) out.put(e.getName(), e.getText());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void eventTimesCarryTheOffsetOfTheZoneTheEventWasWrittenIn(String format) throws Exception {
        assertThat(ev(first(format, Fixtures.withEvent()))).containsExactly(
                Map.entry("startdate", "2019-07-11T14:00:00-05:00"),
                Map.entry("enddate", "2019-07-11T15:00:00-05:00"),
                Map.entry("location", "Online"),
                Map.entry("organizer", "ALA Public Programs Office"),
                Map.entry("type", "Webinar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void anEventWithoutZoneIsWrittenInTheSitesZoneAndAnAllDayEventAsItsDays(String format) throws Exception {
        Event timed = new Event(Instant.parse("2026-06-11T19:00:00Z"), null, false, null, null, null, null, false, null);
        FeedView inParis = view(Fixtures.SITE.toBuilder().timezone(java.time.ZoneId.of("Europe/Paris")).build(), timed);
        assertThat(ev(first(format, inParis))).containsExactly(Map.entry("startdate", "2026-06-11T21:00:00+02:00"));

        Event days = new Event(Instant.parse("2026-10-04T05:00:00Z"), Instant.parse("2026-10-06T05:00:00Z"), true,
                Fixtures.CHICAGO, "Central Library", null, null, false, null);
        assertThat(ev(first(format, view(Fixtures.SITE, days)))).containsExactly(
                Map.entry("startdate", "2026-10-04"), Map.entry("enddate", "2026-10-05"),
                Map.entry("location", "Central Library"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void anItemWithoutEventHasNoEventElements(String format) throws Exception {
        String xml = format.equals("atom") ? publisher.atom(Fixtures.merged()) : publisher.rss(Fixtures.merged());
        assertThat(xml).doesNotContain(EV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void theImageIsAThumbnailWithItsCredit(String format) throws Exception {
        MediaEntryModule media = (MediaEntryModule) first(format, Fixtures.withEvent()).getModule(MediaEntryModule.URI);
        assertThat(media.getMetadata().getThumbnail()[0].getUrl()).hasToString(Fixtures.WEBINAR_IMAGE);
        assertThat(media.getMetadata().getCredits()).extracting(c -> c.getName())
                .containsExactly(Fixtures.PHOTO_CREDIT);
    }

    @Test
    void jsonFeedCarriesTheImageAndItsCredit() throws Exception {
        JsonNode item = new ObjectMapper().readTree(publisher.jsonFeed(Fixtures.withEvent())).get("items").get(0);
        assertThat(item.get("image").asText()).isEqualTo(Fixtures.WEBINAR_IMAGE);
        assertThat(item.get("_tributary").get("image_credit").asText()).isEqualTo(Fixtures.PHOTO_CREDIT);
    }

    @Test
    void theSiteIconIsTheAtomIconAndLogoTheRssImageAndTheJsonFeedIcon() throws Exception {
        String icon = "https://library.example.org/icon.png";
        FeedView view = FeedView.merged(Fixtures.SITE.toBuilder().icon(java.net.URI.create(icon)).build(),
                Fixtures.TOPICS, "", Fixtures.ITEMS, Fixtures.SOURCES_BY_ID, Fixtures.RENDERED);

        SyndFeed atom = new SyndFeedInput().build(new StringReader(publisher.atom(view)));
        assertThat(atom.getIcon().getUrl()).isEqualTo(icon);
        assertThat(atom.getImage().getUrl()).isEqualTo(icon);
        SyndFeed rss = new SyndFeedInput().build(new StringReader(publisher.rss(view)));
        assertThat(rss.getImage().getUrl()).isEqualTo(icon);
        assertThat(rss.getImage().getTitle()).isEqualTo("Most Recently Added");
        assertThat(rss.getImage().getLink()).isEqualTo("https://library.example.org/");
        JsonNode json = new ObjectMapper().readTree(publisher.jsonFeed(view));
        assertThat(json.get("icon").asText()).isEqualTo(icon);
        assertThat(json.get("favicon").asText()).isEqualTo(icon);
    }

    @Test
    void withoutASiteIconTheFeedsNameTheBundledIconUnderTheBaseUrlsPath() throws Exception {
        String bundled = "https://library.example.org/news/assets/icon.png";
        FeedView view = FeedView.merged(org.tributary.config.Site.builder("Most Recently Added",
                URI.create("https://library.example.org/"), URI.create("https://library.example.org/news")).build(),
                Fixtures.TOPICS, "", Fixtures.ITEMS, Fixtures.SOURCES_BY_ID, Fixtures.RENDERED);

        SyndFeed atom = new SyndFeedInput().build(new StringReader(publisher.atom(view)));
        assertThat(atom.getIcon().getUrl()).isEqualTo(bundled);
        assertThat(atom.getImage().getUrl()).isEqualTo(bundled);
        SyndFeed rss = new SyndFeedInput().build(new StringReader(publisher.rss(view)));
        assertThat(rss.getImage().getUrl()).isEqualTo(bundled);
        assertThat(rss.getImage().getTitle()).isEqualTo("Most Recently Added");
        assertThat(rss.getImage().getLink()).isEqualTo("https://library.example.org/");
        JsonNode json = new ObjectMapper().readTree(publisher.jsonFeed(view));
        assertThat(json.get("icon").asText()).isEqualTo(bundled);
        assertThat(json.get("favicon").asText()).isEqualTo(bundled);
    }

    @Test
    void aSiteIconThatValidatorsRefuseIsLeftOutRatherThanReplaced() throws Exception {
        FeedView view = FeedView.merged(Fixtures.SITE.toBuilder().icon(URI.create("http://intranet/icon.png")).build(),
                Fixtures.TOPICS, "", Fixtures.ITEMS, Fixtures.SOURCES_BY_ID, Fixtures.RENDERED);
        assertThat(publisher.atom(view)).doesNotContain("<icon>").doesNotContain("<logo>");
        assertThat(publisher.rss(view)).doesNotContain("<image>");
        assertThat(new ObjectMapper().readTree(publisher.jsonFeed(view)).has("icon")).isFalse();
    }

    private static FeedView view(org.tributary.config.Site site, Event event) {
        StoredItem item = new StoredItem(Items.item("programming-librarian", "guid:e").publicId("pl-e").guid("e")
                .title("An event").excerpt("An event.").type("Event").published(Fixtures.WEBINAR_DATE)
                .contentHash("he").event(event).build(),
                Fixtures.WEBINAR_DATE, Fixtures.WEBINAR_DATE, Fixtures.WEBINAR_DATE);
        return FeedView.merged(site, Fixtures.TOPICS, "", List.of(item), Fixtures.SOURCES_BY_ID, Fixtures.RENDERED);
    }
}
