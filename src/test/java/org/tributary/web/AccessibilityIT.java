package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.testing.Chromium;
import org.tributary.testing.Required;

/**
 * axe-core, injected into headless Chromium over the DevTools protocol, finds no violation on the pages people
 * read: the home page, a topic page, /events, /embed and /status.html, light and dark, at 1280 and 390 px.
 */
class AccessibilityIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private WebFixture server;
    private Chromium chromium;
    private String axe;

    @BeforeEach
    void start() throws Exception {
        axe = Files.readString(Required.axeCore());
        server = new WebFixture(dataDir, null);
        server.add("Getting to the Heart of the Community Through Discovery", "Webinar", T0.minusSeconds(86_400 * 16),
                T0, "partnerships");
        server.add("Always Be Listening", "News", T0, T0, "partnerships");
        chromium = Chromium.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @ParameterizedTest
    @CsvSource({"1280, false", "1280, true", "390, false", "390, true"})
    void axeFindsNoViolationOnAnyPage(int width, boolean dark) throws Exception {
        List<String> found = new ArrayList<>();
        for (String path : List.of("/", "/topics/partnerships", "/events", "/embed?topic=partnerships", "/status.html")) {
            Chromium.Page page = chromium.open(width, 900, dark).go(server.url(path));
            // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not govern.
            page.eval(axe + "\n;true");
            JsonNode violations = page.eval("axe.run(document).then(r => r.violations.map(v => v.id + ': '"
                    + " + v.nodes.map(n => n.target.join(' ')).join(', ')))");
            violations.forEach(v -> found.add(path + " " + v.asText()));
            assertThat(page.eval("axe.run(document).then(r => r.passes.length)").asInt()).as("rules axe checked on " + path)
                    .isGreaterThan(10);
            // The check can fail: an image without alt text added to the page is a violation axe reports.
            assertThat(page.eval("document.body.append(Object.assign(document.createElement('img'), {src: 'x.png'}));"
                    + " axe.run(document).then(r => r.violations.map(v => v.id))").toString()).contains("image-alt");
            page.close();
        }
        assertThat(found).as("axe-core violations at %d px, %s", width, dark ? "dark" : "light").isEmpty();
    }
}
