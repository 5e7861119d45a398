package org.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.config.FetchOptions;
import org.tributary.config.ItemOptions;
import org.tributary.config.Source;
import org.tributary.normalize.Item;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParser;

/** The demo's partner calendars (iCalendar and LibCal-style RSS) always announce upcoming events. */
class DemoEventsIT {

    private static final Instant STARTED = Instant.parse("2026-12-06T15:00:00Z");

    private static List<Item> read(DemoPartners demo, String path) throws Exception {
        URI url = demo.baseUrl().resolve(path);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Source source = new Source("demo", "Demo", url, null, Source.Kind.PARTNER, "Event", List.of(),
                Duration.ofMinutes(1), null, List.of(), FetchOptions.DEFAULTS,
                new ItemOptions(ItemOptions.IdentityRule.AUTO, ZoneId.of("America/Chicago"), false, false, 500, null));
        return new Normalizer(250).normalize(new FeedParser(InstantSource.fixed(STARTED)).parse(response.body(),
                response.headers().firstValue("Content-Type").orElse(null), url, null), source).items();
    }

    @Test
    void theCalendarAndTheLibCalFeedAnnounceEventsAfterTheDemoStarted() throws Exception {
        try (DemoPartners demo = DemoPartners.start(0, InstantSource.fixed(STARTED))) {
            List<Item> calendar = read(demo, "/feeds/westfield-events.ics");
            List<Item> libcal = read(demo, "/feeds/westfield-libcal.rss");

            assertThat(calendar).hasSizeGreaterThanOrEqualTo(8);
            assertThat(calendar).allSatisfy(i -> assertThat(i.event().start()).isAfter(STARTED));
            assertThat(calendar).anyMatch(i -> i.event().allDay()).anyMatch(i -> i.event().cancelled());
            assertThat(libcal).hasSize(2).allSatisfy(i -> assertThat(i.event().start()).isAfter(STARTED));
            assertThat(libcal.get(1).event().cancelled()).isTrue();
        }
    }
}
