package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.publish.Messages;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;
import org.tributary.testing.Chromium;
import org.tributary.testing.EnglishLeft;
import org.tributary.testing.TestClock;
import org.tributary.testing.UpcomingEvents;

/**
 * /events in headless Chromium, in French and in English, with site.timezone America/Chicago: a webinar at 19:00 in
 * Chicago is on its own day there (not the next day, as in UTC) with the JDK's day and month names, the cancelled
 * one carries the bundle's word, no English is left on the French page, and nothing overflows 390 px. Screenshots
 * under target/screenshots/events-LANG-WIDTH.png.
 */
class EventsPagesIT {

    /** What the partner wrote (titles, excerpts, places) and the config names: not ours to translate. */
    private static final String[] CONTENT = {"article h2", "article h3", ".excerpt", ".type", ".source a",
            ".location", "nav[aria-label] ul", "section.topic", ".site-name", "#recent"};
    private static final List<String> OURS = List.of("page.", "paging.", "item.", "footer.", "event.");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    /** A server in {@code language} over a fresh H2 file holding the calendar, at {@link UpcomingEvents#NOW}. */
    private String serve(String language) throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", UpcomingEvents.yaml(language));
        Database database = Database.h2(dir.resolve("data-" + language));
        open.add(database::close);
        Store store = new Store(database, true);
        UpcomingEvents.save(store, UpcomingEvents.NOW.minus(Duration.ofDays(1)));
        WebServer web = new WebServer(WebServer.Parts.of(() -> config, store, database, new Publisher(),
                new SourceStatus(() -> config, store, id -> Optional.empty()))
                .withClock(new TestClock(UpcomingEvents.NOW)));
        open.add(web::close);
        return "http://127.0.0.1:" + web.start("127.0.0.1", 0) + "/events";
    }

    /** The page at each width: its DOM at 1280 px, and no horizontal overflow at either width. */
    private Document render(String url, String language) throws Exception {
        Chromium chromium = Chromium.start(dir);
        open.add(chromium);
        Chromium.Page page = chromium.open(1280, 900, false);
        page.go(url);
        Document dom = Jsoup.parse(page.dom());
        page.screenshot(Path.of("target", "screenshots", "events-" + language + "-1280.png"));
        page.resize(390, 844);
        page.go(url);
        assertThat(page.eval("document.documentElement.scrollWidth").asInt()).as("no horizontal overflow at 390 px")
                .isLessThanOrEqualTo(page.eval("document.documentElement.clientWidth").asInt());
        page.screenshot(Path.of("target", "screenshots", "events-" + language + "-390.png"));
        assertThat(page.console()).as("console").isEmpty();
        return dom;
    }

    /** The event line of the article titled {@code title}. */
    private static String line(Document dom, String title) {
        return dom.select("article").stream().filter(a -> a.select("h2, h3").text().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no article " + title + " in " + dom.select("article").eachText()))
                .select("p.event").text();
    }

    @Test
    void inFrenchTheWebinarIsOnItsChicagoDayWithFrenchNamesAndNoEnglishIsLeft() throws Exception {
        Locale french = Locale.FRENCH;
        Messages words = Messages.forLanguage("fr");
        Document dom = render(serve("fr"), "fr");

        assertThat(dom.select("html").attr("lang")).isEqualTo("fr");
        assertThat(dom.select("#recent").text()).as("the list's heading").isEqualTo("Événements à venir");
        assertThat(dom.select("article h2, article h3").eachText()).containsExactly(UpcomingEvents.WEBINAR,
                UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        String thursday = DayOfWeek.THURSDAY.getDisplayName(TextStyle.FULL, french);
        String june = Month.JUNE.getDisplayName(TextStyle.FULL, french);
        String friday = DayOfWeek.FRIDAY.getDisplayName(TextStyle.FULL, french);
        assertThat(line(dom, UpcomingEvents.WEBINAR)).as("19:00 in Chicago, on the Thursday")
                .startsWith(thursday + " 4 " + june + " 2026").contains("19:00").contains("20:00")
                .doesNotContain(friday);
        assertThat(line(dom, UpcomingEvents.CANCELLED)).startsWith(words.get("event.cancelled") + " · ")
                .contains(DayOfWeek.WEDNESDAY.getDisplayName(TextStyle.FULL, french) + " 10 " + june);
        assertThat(dom.select("strong.cancelled").text()).isEqualTo("Annulé");
        assertThat(line(dom, UpcomingEvents.FAIR)).contains(words.format("event.all_day",
                DayOfWeek.SATURDAY.getDisplayName(TextStyle.FULL, french) + " 20 " + june + " 2026"));
        assertThat(dom.select("a.register").text()).isEqualTo(words.get("event.register"));
        assertThat(EnglishLeft.in(dom.outerHtml(), words, OURS, CONTENT)).isEmpty();
    }

    @Test
    void inEnglishTheSameWebinarIsAtSevenPmOnThursday() throws Exception {
        Document dom = render(serve("en"), "en");

        assertThat(dom.select("html").attr("lang")).isEqualTo("en");
        assertThat(dom.select("#recent").text()).as("the list's heading").isEqualTo("Upcoming events");
        assertThat(line(dom, UpcomingEvents.WEBINAR)).isEqualTo("Thursday 4 June 2026, 7:00–8:00 pm CDT · Zoom · Register");
        assertThat(line(dom, UpcomingEvents.CANCELLED)).startsWith("Cancelled · Wednesday 10 June 2026, 2:00–2:45 pm CDT");
        assertThat(line(dom, UpcomingEvents.FAIR)).isEqualTo("Saturday 20 June 2026, all day · Central Library");
        // The scan that passes the French page finds the English one's words: it can fail.
        assertThat(EnglishLeft.in(dom.outerHtml(), Messages.forLanguage("fr"), OURS, CONTENT))
                .contains("event.cancelled: \"Cancelled\"", "the word \"june\"");
    }
}
