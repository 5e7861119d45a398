package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchOptionsConfigTest {

    private static final String PIN = "sha256/" + "A".repeat(43) + "=";

    @Test
    void readsConcurrencyCapsAndPerSourceOptions(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                fetch: { per_host: 3, max_concurrent: 40 }
                sources:
                  - { id: a, title: A, url: "https://a.example.org/feed", fetch: { tls_ca: "%s" } }
                  - { id: b, title: B, url: "https://b.example.org/feed", fetch: { tls_pin: "%s", adaptive: true } }
                  - { id: c, title: C, url: "https://c.example.org/feed" }
                """.formatted(ca, PIN));
        assertThat(config.fetch().perHost()).isEqualTo(3);
        assertThat(config.fetch().maxConcurrent()).isEqualTo(40);
        assertThat(config.source("a").orElseThrow().fetchOptions()).isEqualTo(new FetchOptions(ca, null, false));
        assertThat(config.source("b").orElseThrow().fetchOptions()).isEqualTo(new FetchOptions(null, PIN, true));
        assertThat(config.source("c").orElseThrow().fetchOptions()).isEqualTo(FetchOptions.DEFAULTS);
    }

    @Test
    void capsDefaultToTwoPerHostAndSixteenInAll() throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                """);
        assertThat(config.fetch().perHost()).isEqualTo(2);
        assertThat(config.fetch().maxConcurrent()).isEqualTo(16);
    }
}
