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
 * read: the home page, a topic page, /events, /embed and /status.html, light and dark, at 1280 and 390 px; and on a
 * library's page that shows the list with embed.js (its own colours and a theme's) or in the documented iframe.
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

    @ParameterizedTest
    @CsvSource({"1280, false", "1280, true", "390, false", "390, true"})
    void axeFindsNoViolationOnHostPagesThatEmbedTheList(int width, boolean dark) throws Exception {
        List<String> found = new ArrayList<>();
        try (org.tributary.testing.LocalSite site = new org.tributary.testing.LocalSite()) {
            String script = "<div data-tributary data-topic=\"partnerships\"></div><script src=\""
                    + server.url("/embed.js") + "\"%s async></script>";
            site.page("/script.html", BrowserIT.lightHostPage("<link rel=\"stylesheet\" href=\""
                    + server.url("/assets/embed.css") + "\">" + script.formatted("")));
            site.page("/script-auto.html", BrowserIT.lightHostPage(script.formatted(" data-theme=\"auto\"")));
            site.page("/script-dark.html", BrowserIT.lightHostPage(script.formatted(" data-theme=\"dark\"")));
            site.page("/frame.html", BrowserIT.framingPage(server, "?topic=partnerships", true));
            site.page("/frame-light.html", BrowserIT.framingPage(server, "?topic=partnerships&theme=light", true));
            for (String path : List.of("/script.html", "/script-auto.html", "/script-dark.html", "/frame.html",
                    "/frame-light.html")) {
                Chromium.Page page = chromium.open(width, 900, dark).go(site.url(path));
                boolean framed = path.startsWith("/frame");
                String frame = server.url("/embed");
                if (framed) {
                    page.untilInFrame(frame, "document.readyState === 'complete'");
                    // The frame's list as the host's visitor sees it (in the frame's own world: another origin).
                    page.evalInFrame(frame, axe + "\n;true");
                    JsonNode inside = page.evalInFrame(frame, "axe.run(document).then(r => ({violations:"
                            + " r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')),"
                            + " passes: r.passes.length}))");
                    inside.get("violations").forEach(v -> found.add(path + " (in the frame) " + v.asText()));
                    assertThat(inside.get("passes").asInt()).as("rules axe checked in the frame").isGreaterThan(10);
                    // The check in the frame can fail: an image without alt text there is reported.
                    assertThat(page.evalInFrame(frame, "document.body.append(Object.assign(document.createElement('img'),"
                            + " {src: 'x.png'})); axe.run(document).then(r => r.violations.map(v => v.id))").toString())
                            .contains("image-alt");
                } else {
                    page.until("document.querySelector('[data-tributary]').getAttribute('data-tributary-loaded') === '2'");
                    // A themed widget has its colours once embed.css has arrived.
                    if (!path.equals("/script.html")) {
                        page.until("getComputedStyle(document.querySelector('[data-tributary]')).backgroundColor"
                                + " !== 'rgba(0, 0, 0, 0)'");
                    }
                }
                page.eval(axe + "\n;true");
                // The host page itself, the iframe element included (its title); its content was checked above.
                JsonNode result = page.eval("axe.run(document, {iframes: false}).then(r => ({violations:"
                        + " r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')),"
                        + " passes: r.passes.map(v => v.id)}))");
                result.get("violations").forEach(v -> found.add(path + " " + v.asText()));
                assertThat(result.get("passes").size()).as("rules axe checked on " + path).isGreaterThan(10);
                if (framed) assertThat(result.get("passes").toString()).as("the frame's title checked").contains("frame-title");
                else assertThat(result.get("passes").toString()).as("the widget's contrast checked").contains("color-contrast");
                page.close();
            }
        }
        assertThat(found).as("axe-core violations on host pages at %d px, %s", width, dark ? "dark" : "light").isEmpty();
    }
}
