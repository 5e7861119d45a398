package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Chromium;

/** /status.html in headless Chromium: a language, a way back, dates on one line at 1280 px, no overflow at 390. */
class StatusPageBrowserIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private WebFixture server;
    private Chromium chromium;

    @BeforeEach
    void start() throws Exception {
        server = new WebFixture(dataDir, null);
        server.add("Always Be Listening", "News", T0, T0, "partnerships");
        chromium = Chromium.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @Test
    void hasALanguageALinkBackDatesOnOneLineWideAndNoOverflowOnAPhone() throws Exception {
        Chromium.Page page = chromium.open(1280, 800, false).go(server.url("/status.html"));
        assertThat(page.eval("document.documentElement.lang").asText()).isEqualTo("en");
        assertThat(page.eval("document.querySelector('header.site a').getAttribute('href')").asText()).isEqualTo("/");
        assertThat(page.eval("[...document.querySelectorAll('td.time')].map(td => td.textContent)").toString())
                .contains("2019-06-27 14:00:00Z");
        // One line: the cell's text is no taller than the line height of its font.
        assertThat(page.eval("[...document.querySelectorAll('td.time')].every(td => { const r = document.createRange();"
                + " r.selectNodeContents(td); return r.getClientRects().length === 1; })").asBoolean())
                .as("every date on one line at 1280 px").isTrue();
        page.screenshot(Path.of("target", "screenshots", "status-1280.png"));

        page.resize(390, 800);
        page.go(server.url("/status.html"));
        assertThat(page.eval("document.documentElement.scrollWidth").asInt()).as("page width at 390 px")
                .isLessThanOrEqualTo(390);
        page.screenshot(Path.of("target", "screenshots", "status-390.png"));
    }
}
