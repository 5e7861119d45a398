package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jsoup.Jsoup;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.testing.TestClock;
import org.tributary.testing.UpcomingEvents;
import org.tributary.web.SourceStatus;
import org.tributary.web.WebServer;

/**
 * The events documents of a static export over a real H2 file: the same bytes as serve answers for the same store at
 * the same moment, and written again when time alone changes them (an event over, or past the calendars' 30 days),
 * while an export with nothing changed still writes nothing.
 */
class EventsExportIT {

    /** Each events document: its path on the server, and its file in an export. */
    private static final Map<String, String> DOCUMENTS = Map.of(
            "/events", "events/index.html",
            "/events.ics", "events.ics",
            "/topics/programmes/events", "topics/programmes/events/index.html",
            "/topics/programmes/events.ics", "topics/programmes/events.ics");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(UpcomingEvents.NOW);
    private Config config;
    private Tributary app;
    private Path out;

    @BeforeEach
    void open() throws Exception {
        config = new ConfigLoader().parse("feeds.yml", UpcomingEvents.yaml("fr"));
        app = Tributary.open(config, dir.resolve("data"), new Environment(null, "", ""), clock);
        UpcomingEvents.save(app.store, UpcomingEvents.NOW.minus(Duration.ofDays(1)));
        out = dir.resolve("site");
    }

    @AfterEach
    void close() {
        if (app != null) app.close();
    }

    private int export() throws Exception {
        return ExportCommand.writeAll(app, config, out);
    }

    private String file(String name) throws Exception {
        return Files.readString(out.resolve(name), StandardCharsets.UTF_8);
    }

    private static java.util.List<String> titles(String html) {
        return Jsoup.parse(html).select("article h2, article h3").eachText();
    }

    @Test
    void theExportedEventsDocumentsAreTheBytesServeAnswersForTheSameStoreAndClock() throws Exception {
        assertSameAsServed(UpcomingEvents.WEBINAR);
    }

    @Test
    void onceEveryEventIsPastTheCalendarsTheEmptyDocumentsAreServesBytesToo() throws Exception {
        clock.advance(Duration.ofDays(60));
        assertSameAsServed(null);
    }

    /** Exports, then asks a server over the same store and clock for each events document: the same bytes. */
    private void assertSameAsServed(String listed) throws Exception {
        assertThat(export()).isPositive();
        WebServer web = new WebServer(WebServer.Parts.of(() -> config, app.store, app.database, app.publisher,
                new SourceStatus(() -> config, app.store, id -> Optional.empty())).withClock(clock));
        try {
            int port = web.start("127.0.0.1", 0);
            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, String> doc : DOCUMENTS.entrySet()) {
                HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + doc.getKey())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(served.statusCode()).as(doc.getKey()).isEqualTo(200);
                byte[] exported = Files.readAllBytes(out.resolve(doc.getValue()));
                String text = new String(exported, StandardCharsets.UTF_8);
                if (listed != null) assertThat(text).as(doc.getValue()).contains(listed);
                else assertThat(text).as(doc.getValue()).doesNotContain(UpcomingEvents.FAIR);
                assertThat(text).as(doc.getValue()).isEqualTo(new String(served.body(), StandardCharsets.UTF_8));
                assertThat(exported).as(doc.getValue()).isEqualTo(served.body());
            }
        } finally {
            web.close();
        }
    }

    @Test
    void anExportAfterAnEventIsOverDropsItFromTheEventsPageWithoutAnyItemChanging() throws Exception {
        assertThat(export()).isPositive();
        assertThat(titles(file("events/index.html"))).containsExactly(UpcomingEvents.WEBINAR,
                UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        long version = app.store.version().version();

        // Nothing changed and no event has ended: nothing is written.
        clock.advance(Duration.ofHours(1));
        assertThat(export()).isZero();

        // Still the webinar's last minute: its page stays as it is.
        clock.advance(Duration.between(clock.instant(), UpcomingEvents.WEBINAR_END));
        assertThat(export()).isZero();

        // Just after its end the webinar is over: the pages are written again without it, the calendars keep it.
        clock.advance(Duration.ofSeconds(1));
        assertThat(export()).isPositive();
        assertThat(app.store.version().version()).as("no item changed").isEqualTo(version);
        assertThat(titles(file("events/index.html"))).containsExactly(UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        assertThat(titles(file("topics/programmes/events/index.html")))
                .containsExactly(UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        assertThat(file("events.ics")).contains("SUMMARY:" + UpcomingEvents.WEBINAR);
        assertThat(export()).isZero();
    }

    @Test
    void anEventsPageOfAnEarlierExportThatNoLinkReachesAnyMoreIsRemoved() throws Exception {
        config = new ConfigLoader().parse("feeds.yml", UpcomingEvents.yaml("fr").replace("items: 20", "items: 1"));
        assertThat(export()).isPositive();
        assertThat(walk("events")).containsExactly(UpcomingEvents.WEBINAR, UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        assertThat(pages("events")).hasSize(3);

        clock.advance(Duration.between(clock.instant(), UpcomingEvents.WEBINAR_END.plusSeconds(1)));
        assertThat(export()).isPositive();
        assertThat(walk("events")).containsExactly(UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        assertThat(walk("topics/programmes/events")).containsExactly(UpcomingEvents.CANCELLED, UpcomingEvents.FAIR);
        // What is left is what the links reach: no file lists the webinar that is over.
        assertThat(pages("events")).hasSize(2).allSatisfy(p -> assertThat(Files.readString(p))
                .doesNotContain(UpcomingEvents.WEBINAR));
        assertThat(pages("topics/programmes/events")).hasSize(2);
        assertThat(out.resolve("feed.atom")).as("other documents stay").isNotEmptyFile();
    }

    /** The events pages' files under dir (its index.html and its later pages). */
    private java.util.List<Path> pages(String dir) throws Exception {
        try (var files = Files.list(out.resolve(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList();
        }
    }

    /** The titles a reader of the static files sees following rel=next from dir/index.html. */
    private java.util.List<String> walk(String dir) throws Exception {
        java.util.List<String> seen = new java.util.ArrayList<>();
        Path page = out.resolve(dir).resolve("index.html");
        for (int i = 0; page != null && i < 10; i++) {
            org.jsoup.nodes.Document doc = Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8));
            seen.addAll(titles(doc.outerHtml()));
            String next = doc.select("link[rel=next]").attr("href");
            page = next.isEmpty() ? null : out.resolve(URI.create(next).getPath().substring(1));
        }
        return seen;
    }

    @Test
    void anExportThirtyDaysAfterAnEventDropsItFromTheCalendars() throws Exception {
        assertThat(export()).isPositive();
        assertThat(file("events.ics")).contains("SUMMARY:" + UpcomingEvents.PAST);

        clock.advance(Duration.between(clock.instant(), UpcomingEvents.PAST_END.plus(Duration.ofDays(30))));
        // The webinar and the cancelled one ended meanwhile: that alone rewrites the pages; export once for them.
        assertThat(export()).isPositive();
        assertThat(file("events.ics")).contains("SUMMARY:" + UpcomingEvents.PAST);
        assertThat(export()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(export()).isPositive();
        assertThat(file("events.ics")).doesNotContain(UpcomingEvents.PAST).contains("SUMMARY:" + UpcomingEvents.FAIR);
        assertThat(file("topics/programmes/events.ics")).doesNotContain(UpcomingEvents.PAST);
    }

    @Test
    void aClockSetBackWritesTheExportAgain() throws Exception {
        clock.advance(Duration.ofDays(4)); // after the webinar
        assertThat(export()).isPositive();
        assertThat(titles(file("events/index.html"))).doesNotContain(UpcomingEvents.WEBINAR);

        clock.advance(Duration.ofDays(-4));
        assertThat(export()).isPositive();
        assertThat(titles(file("events/index.html"))).contains(UpcomingEvents.WEBINAR);
    }
}
