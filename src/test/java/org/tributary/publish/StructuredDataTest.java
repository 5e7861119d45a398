package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Site;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;
import org.tributary.testing.Required;

/**
 * The schema.org Event markup of the pages as an independent structured-data parser reads it: extruct (Debian's
 * python3-extruct, the parser search engines' tooling is modelled on) through src/test/python/read_structured_data.py.
 */
class StructuredDataTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @TempDir
    Path dir;

    @Test
    void extructReadsEachEventWithItsNameTimesPlaceOrganizerAndStatus() throws Exception {
        Event webinar = new Event(Instant.parse("2026-06-12T00:00:00Z"), Instant.parse("2026-06-12T01:00:00Z"), false,
                CHICAGO, "Online", "Training team", "Webinar", false, URI.create("https://cal.example.org/register"));
        Event cancelled = new Event(Instant.parse("2026-06-20T05:00:00Z"), null, true, CHICAGO, "Central Library",
                null, null, true, null);
        List<StoredItem> items = new ArrayList<>();
        items.add(stored(Items.item("wls", "guid:1").publicId("pid-1").guid("1").link("https://wls.example.org/e/1")
                .title("Grant writing").excerpt("Learn to write grants").type("Webinar")
                .published(Instant.parse("2026-05-01T12:00:00Z")).event(webinar).build()));
        items.add(stored(Items.item("wls", "guid:2").publicId("pid-2").guid("2").link("https://wls.example.org/e/2")
                .title("Book fair").excerpt("Books for all").type("Event")
                .published(Instant.parse("2026-05-01T11:00:00Z")).event(cancelled).build()));
        Site site = Site.builder("Events", URI.create("https://library.example.org/"),
                URI.create("http://localhost:8080")).language("en").timezone(CHICAGO).build();
        Path page = dir.resolve("index.html");
        Files.writeString(page, new Publisher().html(FeedView.merged(site, List.of(), "", items,
                Fixtures.SOURCES_BY_ID, Fixtures.RENDERED)), StandardCharsets.UTF_8);

        List<JsonNode> events = new ArrayList<>();
        for (JsonNode node : extract(page)) {
            if (node.path("@type").asText().equals("Event")) events.add(node);
        }

        assertThat(events).hasSize(2);
        JsonNode first = events.get(0);
        assertThat(first.path("name").asText()).isEqualTo("Grant writing");
        assertThat(first.path("startDate").asText()).isEqualTo("2026-06-12T00:00:00Z");
        assertThat(first.path("endDate").asText()).isEqualTo("2026-06-12T01:00:00Z");
        assertThat(first.path("location").path("@type").asText()).isEqualTo("Place");
        assertThat(first.path("location").path("name").asText()).isEqualTo("Online");
        assertThat(first.path("organizer").asText()).isEqualTo("Training team");
        assertThat(first.has("eventStatus")).isFalse();
        JsonNode second = events.get(1);
        assertThat(second.path("name").asText()).isEqualTo("Book fair");
        assertThat(second.path("startDate").asText()).as("an all-day event starts on its day").startsWith("2026-06-20");
        assertThat(second.path("eventStatus").asText()).isEqualTo("https://schema.org/EventCancelled");
    }

    private static StoredItem stored(Item item) {
        return new StoredItem(item, item.published(), item.published(), item.published());
    }

    private static JsonNode extract(Path html) throws Exception {
        Path python = Required.program("python3 (Debian's, with python3-extruct)", "/usr/bin/python3");
        Process check = new ProcessBuilder(python.toString(), "-c", "import extruct").redirectErrorStream(true).start();
        Required.present(check.waitFor() == 0, "python3-extruct is not installed (.ci/run installs it)");
        Process p = new ProcessBuilder(python.toString(), "src/test/python/read_structured_data.py", html.toString(),
                "http://localhost:8080/").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return new ObjectMapper().readTree(out);
    }
}
