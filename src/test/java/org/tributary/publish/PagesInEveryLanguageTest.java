package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.publish.Fixtures.*;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.config.Site;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;
import org.tributary.testing.EnglishLeft;
import org.tributary.testing.Items;

/**
 * Every page in each bundled language, scanned for English: the bundle's English strings and common English words
 * must be gone from everything but the items' own text (titles, excerpts, types, names), which stays as the feed
 * wrote it. A word left hard-coded in a writer, or a key a translation lacks, fails here.
 */
class PagesInEveryLanguageTest {

    /** What the partners and the config wrote: not ours to translate. */
    private static final String[] CONTENT = {"article h2", "article h3", ".excerpt", ".type", ".source a",
            ".also-from", "nav[aria-label] ul", "section.topic", ".site-name", "#recent", ".embed-title"};

    /** The keys of the published pages' words (the status page has its own test). */
    private static final List<String> OURS = List.of("page.", "paging.", "item.", "footer.", "embed.", "event.");

    private final Publisher publisher = new Publisher();

    private static Site site(String language) {
        return Site.builder("Tributary", URI.create("https://library.example.org/"), URI.create("http://localhost:8080"))
                .language(language).build();
    }

    /**
     * The items of the fixtures, the webinar carried by a second partner too ("also from"), and two events: a timed
     * one with a place and a registration link, and a cancelled all-day one (their line is made of our words).
     */
    private static List<StoredItem> items() {
        StoredItem shared = new StoredItem(WEBINAR.item(), WEBINAR.date(), WEBINAR.firstSeen(), WEBINAR.changedAt(),
                List.of(new StoredItem.OtherCopy("wls", null)));
        return List.of(HOSTILE, shared, ORPHAN, event("timed", new Event(Instant.parse("2026-06-12T00:00:00Z"),
                        Instant.parse("2026-06-12T01:00:00Z"), false, ZoneOffset.UTC, "Online", null, null, false,
                        URI.create("https://cal.example.org/register"))),
                event("all-day", new Event(Instant.parse("2026-06-20T00:00:00Z"), null, true, ZoneOffset.UTC, null,
                        null, null, true, null)));
    }

    private static StoredItem event(String id, Event event) {
        Item item = Items.item("wls", "guid:" + id).publicId("pid-" + id).guid(id)
                .link("https://wls.example.org/e/" + id).title("Grant writing").excerpt("Learn to write grants")
                .type("Webinar").published(Instant.parse("2026-05-01T12:00:00Z")).contentHash("h" + id).event(event)
                .build();
        return new StoredItem(item, item.published(), item.published(), item.published());
    }

    private static final Paging MIDDLE = new Paging(Paging.Ref.before("C2"), Paging.Ref.before("C3"),
            Paging.Ref.after("C1"), false);

    /** The merged page in the middle of its pages, a topic page, an empty later page, an events page in the middle of its pages, and the embed. */
    private List<String> documents(String language) {
        Site site = site(language);
        FeedView merged = FeedView.merged(site, TOPICS, "", items(), SOURCES_BY_ID, RENDERED).withPaging(MIDDLE);
        FeedView topic = FeedView.ofTopic(site, PARTNERSHIPS, TOPICS, "", items(), SOURCES_BY_ID, RENDERED);
        FeedView emptyLater = FeedView.merged(site, TOPICS, "", List.of(), SOURCES_BY_ID, RENDERED).withPaging(MIDDLE);
        FeedView emptyFirst = FeedView.merged(site, TOPICS, "", List.of(), SOURCES_BY_ID, RENDERED);
        FeedView events = FeedView.merged(site, TOPICS, "", items(), SOURCES_BY_ID, RENDERED).withHtmlPath("/events")
                .withPaging(MIDDLE);
        return List.of(publisher.html(merged), publisher.html(topic), publisher.html(emptyLater),
                publisher.html(emptyFirst), publisher.html(events), publisher.embed(merged), publisher.embed(emptyFirst));
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "fr", "de"})
    void noEnglishIsLeftOnAnyPage(String language) {
        Messages words = Messages.forLanguage(language);
        for (String html : documents(language)) {
            assertThat(EnglishLeft.in(html, words, OURS, CONTENT)).as(language + ":\n" + html).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "fr", "de"})
    void theScanFindsTheEnglishOfAnEnglishPage(String language) {
        // The scan can fail: the same pages in English hold the English strings it looks for.
        Messages words = Messages.forLanguage(language);
        for (String html : documents("en")) {
            assertThat(EnglishLeft.in(html, words, OURS, CONTENT)).as(html).isNotEmpty();
        }
        assertThat(EnglishLeft.in(publisher.html(FeedView.merged(site("en"), TOPICS, "", items(), SOURCES_BY_ID, RENDERED)),
                words, OURS, CONTENT)).contains("item.published: \"Publish Date:\"", "footer.subscribe: \"Subscribe:\"",
                "the word \"june\"", "event.cancelled: \"Cancelled\"", "event.all_day: \"all day\"",
                "event.register: \"Register\"");
    }

    @ParameterizedTest
    @CsvSource({"es, es", "fr, fr", "de, de", "fr-CA, fr-CA", "en-GB, en-GB", "pt, en"})
    void theLangOfEveryPageNamesTheLanguageOfItsWords(String language, String lang) {
        for (String html : documents(language)) {
            assertThat(Jsoup.parse(html).select("html").attr("lang")).isEqualTo(lang);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "es | Fecha de publicación: Webinar / 11 de junio de 2019 | Fuente: Programming Librarian; también en Westfield Library System",
            "fr | Date de publication : Webinar / 11 juin 2019 | Source : Programming Librarian; aussi chez Westfield Library System",
            "de | Veröffentlicht: Webinar / 11. Juni 2019 | Quelle: Programming Librarian; auch bei Westfield Library System"})
    void theItemLineIsInTheLanguageWithTheJdksDate(String language, String meta, String source) {
        Document doc = Jsoup.parse(publisher.html(FeedView.merged(site(language), TOPICS, "", items(), SOURCES_BY_ID, RENDERED)));

        // (French puts a no-break space before the colon; compared here as a space)
        assertThat(doc.select("article").get(1).select(".meta").text().replace('\u00a0', ' ')).isEqualTo(meta);
        assertThat(doc.select("article").get(1).select(".source").text().replace('\u00a0', ' ')).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "pt"})
    void englishPagesAreAsBefore(String language) {
        Document doc = Jsoup.parse(publisher.html(FeedView.merged(site(language), TOPICS, "", items(), SOURCES_BY_ID, RENDERED)));

        assertThat(doc.select("article").get(1).select(".meta").text()).isEqualTo("Publish Date: Webinar / 11 June 2019");
        assertThat(doc.select("article").get(1).select(".source").text())
                .isEqualTo("From Programming Librarian; also from Westfield Library System");
        assertThat(doc.select(".skip").text()).isEqualTo("Skip to the list");
    }

    @org.junit.jupiter.api.Test
    void aKeyTheTranslationLacksIsShownInEnglish() {
        // Esperanto (test resources) translates the skip link and the date label only.
        Document doc = Jsoup.parse(publisher.html(FeedView.merged(site("eo"), TOPICS, "", items(), SOURCES_BY_ID, RENDERED)));

        assertThat(doc.select(".skip").text()).isEqualTo("Salti al la listo");
        assertThat(doc.select("article .meta .label").first().text()).isEqualTo("Dato:");
        assertThat(doc.select("footer .subscribe").text()).startsWith("Subscribe:");
    }
}
