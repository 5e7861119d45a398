package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.store.Store;

/** Whether an export directory is current: by version, config and program, and by the moment it is good through. */
class ExportStampTest {

    private static final Instant MADE = Instant.parse("2026-06-01T15:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-06-05T01:00:00Z");
    private static final Store.PublishVersion VERSION = new Store.PublishVersion(7, MADE.minusSeconds(3600));

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
        ExportStamp.of(VERSION, config, MADE, UNTIL).writeTo(out);
    }

    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource({
            "2026-06-01T15:00:00Z, true",   // the moment it was made
            "2026-06-05T01:00:00Z, true",   // its last good instant
            "2026-06-05T01:00:01Z, false",  // just after: an event is over
            "2026-06-01T14:59:59Z, false",  // a clock set back could bring past events back
    })
    void anUnchangedExportIsCurrentFromWhenItWasMadeThroughItsLastGoodInstant(Instant at, boolean current)
            throws Exception {
        assertThat(ExportStamp.of(VERSION, config, at, null).isCurrentIn(out)).isEqualTo(current);
    }

    @Test
    void anExportWithNoEventsListedStaysCurrentHowEverLateUntilSomethingChanges() throws Exception {
        ExportStamp.of(VERSION, config, MADE, null).writeTo(out);
        assertThat(ExportStamp.of(VERSION, config, MADE.plusSeconds(86_400L * 365), null).isCurrentIn(out)).isTrue();
        Store.PublishVersion changed = new Store.PublishVersion(8, MADE);
        assertThat(ExportStamp.of(changed, config, MADE, null).isCurrentIn(out)).isFalse();
    }

    @Test
    void aStampWithoutItsTimeLineAsAnOlderProgramWroteItIsNotCurrent() throws Exception {
        Path file = out.resolve(ExportStamp.FILE);
        String stamp = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("(?m)^time .*\n", "");
        Files.writeString(file, stamp, StandardCharsets.UTF_8);
        assertThat(ExportStamp.of(VERSION, config, MADE, UNTIL).isCurrentIn(out)).isFalse();
    }

    @Test
    void aMissingFileMakesTheExportStale() throws Exception {
        assertThat(ExportStamp.of(VERSION, config, MADE, null).isCurrentIn(out)).isTrue();
        Files.delete(out.resolve("index.html"));
        assertThat(ExportStamp.of(VERSION, config, MADE, null).isCurrentIn(out)).isFalse();
    }
}
