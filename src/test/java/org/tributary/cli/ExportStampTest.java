package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.store.Events;
import org.tributary.store.Store;

/** Whether an export directory is current: by version, config, program and the span of its events lists. */
class ExportStampTest {

    private static final Instant T = Instant.parse("2026-06-01T15:00:00Z");
    private static final Store.PublishVersion VERSION = new Store.PublishVersion(7, T);
    private static final Events.Span SPAN = new Events.Span(T.minusSeconds(86_400), T.plusSeconds(86_400));

    @TempDir
    Path out;

    private Config config;

    @BeforeEach
    void write() throws Exception {
        config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://library.example.org/", base_url: "http://feeds.example.org" }
                sources:
                  - { id: a, title: A, url: "https://a.example/feed" }
                """);
        Files.writeString(out.resolve("index.html"), "<!doctype html>");
        ExportStamp.of(VERSION, config, SPAN).writeTo(out);
    }

    @Test
    void theSameVersionConfigAndSpanIsCurrent() throws Exception {
        assertThat(ExportStamp.of(VERSION, config, SPAN).isCurrentIn(out)).isTrue();
    }

    @Test
    void anotherSpanOfTheEventsListsIsNot() throws Exception {
        assertThat(ExportStamp.of(VERSION, config, new Events.Span(SPAN.through(), null)).isCurrentIn(out)).isFalse();
        assertThat(ExportStamp.of(VERSION, config, new Events.Span(null, SPAN.after())).isCurrentIn(out)).isFalse();
    }

    @Test
    void anotherVersionIsNot() throws Exception {
        assertThat(ExportStamp.of(new Store.PublishVersion(8, T), config, SPAN).isCurrentIn(out)).isFalse();
    }

    @Test
    void aMissingFileMakesTheExportStale() throws Exception {
        Files.delete(out.resolve("index.html"));
        assertThat(ExportStamp.of(VERSION, config, SPAN).isCurrentIn(out)).isFalse();
    }

    @Test
    void aSourceHidingPastEventsMakesEveryExportStale() throws Exception {
        Config hiding = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://library.example.org/", base_url: "http://feeds.example.org" }
                sources:
                  - { id: a, title: A, url: "https://a.example/feed", hide_past_events: true }
                """);
        ExportStamp stamp = ExportStamp.of(VERSION, hiding, SPAN);
        stamp.writeTo(out);
        assertThat(out.resolve(ExportStamp.FILE)).doesNotExist();
        assertThat(stamp.isCurrentIn(out)).isFalse();
    }
}
