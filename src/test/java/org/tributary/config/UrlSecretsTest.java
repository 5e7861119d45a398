package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which configured URLs carry a secret that publishing them would leak, and which are ordinary. */
class UrlSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://u:p@a.example.org/feed", "https://u@a.example.org/", "https://a.example.org/?key=1",
            "https://a.example.org/?TOKEN=1", "https://a.example.org/?x=1&api-key=2", "https://a.example.org/?apikey",
            "https://a.example.org/?access_token=1", "https://a.example.org/?private_token=1",
            "https://a.example.org/?sig=1", "https://a.example.org/?password=1", "https://a.example.org/?pwd=1",
            "https://a.example.org/?client_secret=1", "https://a.example.org/?%74oken=1"})
    void secretsAreFound(String url) {
        assertThat(Formats.secretIn(URI.create(url))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example.org/feed", "https://a.example.org/feed?format=rss&page=2",
            "https://www.youtube.com/feeds/videos.xml?channel_id=UC123", "https://a.example.org/?keyword=books",
            "https://a.example.org/?monkey=1", "https://a.example.org/?tokens_of_love=1", "https://a.example.org/@news"})
    void ordinaryUrlsPass(String url) {
        assertThat(Formats.secretIn(URI.create(url))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aWebhookMayCarryItsOwnCredentialsBecauseItIsNeverPublished() throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                alerts: { webhook: "https://bot:s3cret@hooks.example.org/t?token=abc" }
                sources: [{ id: a, title: A, url: "https://a.example.org/feed" }]
                """);
        assertThat(config.alerts().webhook().getUserInfo()).isEqualTo("bot:s3cret");
    }
}
