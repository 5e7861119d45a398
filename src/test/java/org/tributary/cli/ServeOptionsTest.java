package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;

class ServeOptionsTest {

    private static final Config CONFIG = parse();

    private static Config parse() {
        try {
            return new ConfigLoader().parse("feeds.yml", """
                    site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                    sources:
                      - { id: a, title: A, url: "https://a.example.org/feed", every: 2h, topics: [] }
                      - { id: b, title: B, url: "https://b.example.org/feed" }
                    """);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ServeOptions options(Duration testEvery) {
        return new ServeOptions(Path.of("feeds.yml"), CONFIG, Path.of("/data"), Environment.of(Map.of()),
                "127.0.0.1", 0, 2, testEvery);
    }

    @Test
    void schedulesEverySourceAsConfiguredWithoutATestInterval() {
        assertThat(options(null).scheduled(CONFIG)).isEqualTo(CONFIG.sources());
        assertThat(options(null).misfireThreshold()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theTestIntervalChangesEachSourcesEveryAndNothingElse() {
        Duration every = Duration.ofSeconds(3);
        assertThat(options(every).scheduled(CONFIG)).hasSize(2).allSatisfy(s -> {
            Source configured = CONFIG.source(s.id()).orElseThrow();
            assertThat(s.every()).isEqualTo(every);
            assertThat(s).usingRecursiveComparison().ignoringFields("every").isEqualTo(configured);
        });
        assertThat(options(every).misfireThreshold()).isEqualTo(every);
        assertThat(options(Duration.ofMinutes(5)).misfireThreshold()).isEqualTo(Duration.ofMinutes(1));
    }
}
