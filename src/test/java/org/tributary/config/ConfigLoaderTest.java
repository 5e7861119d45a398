package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    /** The feeds.yml example of docs/feeds-yml.md, with every optional key set. */
    private static final String FULL = """
            site:
              title: Most Recently Added
              description: News and webinars from our partner libraries
              link: https://library.example.org/
              base_url: https://feeds.example.org/tributary/
              language: en-GB
              items: 40
              excerpt_chars: 300
              hub: https://hub.example.org/
            fetch:
              user_agent: "Tributary/1.0 (+https://library.example.org/feeds)"
              timeout: 1m30s
              max_bytes: 512KB
              allow_private: ["localhost:8081", "[::1]:9000"]
            alerts:
              webhook: https://hooks.example.org/tributary
              email: { smtp: "smtp.example.org:587", from: feeds@library.example.org, to: [webteam@library.example.org] }
              after: 6h
            defaults: { every: 1h, type: Webinar }
            types: [News, Webinar, Event]
            topics:
              - id: partnerships
                title: Partnerships & collaboration
                description: When the library builds partnerships...
                image: { url: "https://img.example.org/p.jpg", credit: "Photo: jenlen, CC BY-NC-ND 2.0" }
              - id: technology
                title: Technology
            sources:
              - id: programming-librarian
                title: Programming Librarian
                url: https://programminglibrarian.org/feed
                home: https://programminglibrarian.org/
                kind: library
                type: News
                topics: [partnerships]
                every: 15m
                owner: webmaster@programminglibrarian.org
                rules:
                  - when: { category: webinar }
                    type: Webinar
                  - when: { title: "(?i)webinar" }
                    type: Webinar
                    topics: [technology]
                  - when: { link: /events/ }
                    topics: [partnerships]
              - id: minimal
                title: Minimal
                url: http://minimal.example.org/rss
            """;

    @Test
    void parsesFullExampleIntoRecords() throws ConfigException {
        Config config = loader.parse("feeds.yml", FULL);

        assertThat(config.site()).isEqualTo(Site.builder("Most Recently Added",
                        URI.create("https://library.example.org/"), URI.create("https://feeds.example.org/tributary"))
                .description("News and webinars from our partner libraries").language("en-GB").items(40)
                .excerptChars(300).hub(URI.create("https://hub.example.org/")).build());
        assertThat(config.fetch()).isEqualTo(new FetchSettings("Tributary/1.0 (+https://library.example.org/feeds)",
                Duration.ofSeconds(90), 512 * 1024, List.of("localhost:8081", "[::1]:9000")));
        assertThat(config.alerts()).isEqualTo(new Alerts(URI.create("https://hooks.example.org/tributary"),
                new Alerts.Email("smtp.example.org:587", "feeds@library.example.org", List.of("webteam@library.example.org")),
                Duration.ofHours(6)));
        assertThat(config.defaults()).isEqualTo(new Defaults(Duration.ofHours(1), "Webinar"));
        assertThat(config.types()).containsExactly("News", "Webinar", "Event");
        assertThat(config.topics()).containsExactly(
                new Topic("partnerships", "Partnerships & collaboration", "When the library builds partnerships...",
                        new Topic.Image(URI.create("https://img.example.org/p.jpg"), "Photo: jenlen, CC BY-NC-ND 2.0")),
                new Topic("technology", "Technology", "", null));

        Source first = config.source("programming-librarian").orElseThrow();
        assertThat(first.title()).isEqualTo("Programming Librarian");
        assertThat(first.url()).isEqualTo(URI.create("https://programminglibrarian.org/feed"));
        assertThat(first.home()).isEqualTo(URI.create("https://programminglibrarian.org/"));
        assertThat(first.kind()).isEqualTo(Source.Kind.LIBRARY);
        assertThat(first.type()).isEqualTo("News");
        assertThat(first.topics()).containsExactly("partnerships");
        assertThat(first.every()).isEqualTo(Duration.ofMinutes(15));
        assertThat(first.owner()).isEqualTo("webmaster@programminglibrarian.org");
        assertThat(first.rules()).hasSize(3);
        Rule byCategory = first.rules().get(0);
        assertThat(byCategory.category()).isEqualTo("webinar");
        assertThat(byCategory.title()).isNull();
        assertThat(byCategory.type()).isEqualTo("Webinar");
        Rule byTitle = first.rules().get(1);
        assertThat(byTitle.title().pattern()).isEqualTo("(?i)webinar");
        assertThat(byTitle.title().matcher("Free WEBINAR today").find()).isTrue();
        assertThat(byTitle.topics()).containsExactly("technology");
        Rule byLink = first.rules().get(2);
        assertThat(byLink.link().pattern()).isEqualTo("/events/");
        assertThat(byLink.typeIfAny()).isEmpty();
        assertThat(byLink.topics()).containsExactly("partnerships");
    }

    @Test
    void sourceWithoutOptionalKeysTakesTheDefaults() throws ConfigException {
        Source minimal = loader.parse("feeds.yml", FULL).source("minimal").orElseThrow();

        assertThat(minimal).isEqualTo(new Source("minimal", "Minimal", URI.create("http://minimal.example.org/rss"), null,
                Source.Kind.PARTNER, "Webinar", List.of(), Duration.ofHours(1), null, List.of()));
    }

    @Test
    void fillsDocumentedDefaultsForAMinimalFile() throws ConfigException {
        Config config = loader.parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                sources:
                  - { id: a, title: A, url: "https://a.example.org/feed" }
                """);

        assertThat(config.site().language()).isEqualTo("en");
        assertThat(config.site().items()).isEqualTo(50);
        assertThat(config.site().excerptChars()).isEqualTo(250);
        assertThat(config.site().description()).isEmpty();
        assertThat(config.site().hub()).isNull();
        assertThat(config.site().cacheMaxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.fetch()).isEqualTo(new FetchSettings("Tributary/0.1 (+https://lib.example.org/)",
                Duration.ofSeconds(20), 10L * 1024 * 1024, List.of()));
        assertThat(config.alerts()).isNull();
        assertThat(config.types()).containsExactly("News");
        assertThat(config.topics()).isEmpty();
        assertThat(config.defaults()).isEqualTo(new Defaults(Duration.ofMinutes(30), "News"));
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Source.Kind.PARTNER);
            assertThat(s.type()).isEqualTo("News");
            assertThat(s.every()).isEqualTo(Duration.ofMinutes(30));
            assertThat(s.topics()).isEmpty();
            assertThat(s.rules()).isEmpty();
        });
    }

    @Test
    void moderationHoldInDefaultsHoldsEverySourceThatDoesNotSayPublish() throws ConfigException {
        Config config = loader.parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                defaults: { moderation: hold }
                sources:
                  - { id: held, title: A, url: "https://a.example.org/feed" }
                  - { id: trusted, title: B, url: "https://b.example.org/feed", moderation: publish }
                """);

        assertThat(config.defaults().hold()).isTrue();
        assertThat(config.source("held").orElseThrow().itemOptions().hold()).isTrue();
        assertThat(config.source("trusted").orElseThrow().itemOptions().hold()).isFalse();
    }

    @Test
    void moderationIsPublishUnlessASourceSaysHold() throws ConfigException {
        Config config = loader.parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                sources:
                  - { id: new-partner, title: A, url: "https://a.example.org/feed", moderation: hold }
                  - { id: known, title: B, url: "https://b.example.org/feed" }
                """);

        assertThat(config.defaults().hold()).isFalse();
        assertThat(config.source("new-partner").orElseThrow().itemOptions().hold()).isTrue();
        assertThat(config.source("known").orElseThrow().itemOptions().hold()).isFalse();
    }

    @Test
    void defaultTypeIsTheFirstDeclaredType() throws ConfigException {
        Config config = loader.parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                types: [Event, News]
                sources:
                  - { id: a, title: A, url: "https://a.example.org/feed" }
                """);

        assertThat(config.defaults().type()).isEqualTo("Event");
        assertThat(config.sources().get(0).type()).isEqualTo("Event");
    }

    @Test
    void alertsAfterDefaultsToSixHours() throws ConfigException {
        Config config = loader.parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                alerts: { webhook: "https://hooks.example.org/x" }
                """);

        assertThat(config.alerts().after()).isEqualTo(Duration.ofHours(6));
        assertThat(config.alerts().email()).isNull();
    }

    @Test
    void readsValuesAsWrittenSoNoIsNorwegianAndNumbersAreTitles() throws ConfigException {
        Config config = loader.parse("feeds.yml", """
                site: { title: 2019, link: "https://lib.example.org/", base_url: "http://localhost:8080", language: no }
                """);

        assertThat(config.site().language()).isEqualTo("no");
        assertThat(config.site().title()).isEqualTo("2019");
    }

    @Test
    void repositoryFeedsYmlLoadsWithoutErrors() throws ConfigException {
        Config config = loader.load(Path.of("feeds.yml"));

        assertThat(config.site().baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.types()).containsExactly("News", "Webinar", "Event");
        assertThat(config.topic("partnerships")).get().satisfies(t -> {
            assertThat(t.title()).isEqualTo("Partnerships & collaboration");
            assertThat(t.description()).startsWith("When the library builds partnerships, it strengthens the ties")
                    .endsWith("needs of the community.");
            assertThat(t.image().credit()).isEqualTo("Photo: jenlen, CC BY-NC-ND 2.0");
        });
        assertThat(config.sources()).hasSizeBetween(8, 12);
        assertThat(config.sources()).extracting(Source::kind).contains(Source.Kind.PARTNER, Source.Kind.LIBRARY);
        assertThat(config.source("programming-librarian")).get()
                .extracting(s -> s.url().toString()).isEqualTo("https://programminglibrarian.org/feed");
    }

    @Test
    void demoFeedsYmlPointsAtTheBundledPartnersAndAllowsThem(@TempDir Path dir) throws ConfigException {
        // demo/feeds.yml is a template whose ports scripts/demo fills in, as it does here.
        Path rendered = dir.resolve("demo.yml");
        try {
            java.nio.file.Files.writeString(rendered, java.nio.file.Files.readString(Path.of("demo/feeds.yml"))
                    .replace("{{partners}}", "127.0.0.1:18099").replace("{{site}}", "localhost:18080"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Config config = loader.load(rendered);

        assertThat(config.sources()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(config.sources()).allSatisfy(s -> assertThat(s.url().toString()).startsWith("http://127.0.0.1:18099/"));
        assertThat(config.fetch().allowPrivate()).containsExactly("127.0.0.1:18099");
        assertThat(config.site().baseUrl().toString()).isEqualTo("http://localhost:18080");
    }

    @Test
    void reportsEveryErrorOfOneFileTogetherInFileOrder() {
        String yaml = """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080", items: 0 }
                sources:
                  - id: a
                    title: A
                    url: ftp://a.example.org/feed
                    colour: red
                    every: 30s
                  - id: a
                    title:
                    rules:
                      - when: { title: "(", link: x }
                        type: Podcast
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse("feeds.yml", yaml));

        assertThat(e.errors()).map(ConfigError::toString).containsExactly(
                "feeds.yml:1:95: site.items: must be a whole number from 1 to 500",
                "feeds.yml:5:10: sources[0].url: not an http(s) URL",
                "feeds.yml:6:5: sources[0].colour: unknown key (expected one of: id, title, url, home, kind, type, "
                        + "topics, every, owner, rules, fetch, identity, timezone, allow_old_dates, hide_past_events, keep_items, max_age, moderation)",
                "feeds.yml:7:12: sources[0].every: must be at least 1m",
                "feeds.yml:8:5: sources[1].url: missing required key",
                "feeds.yml:8:9: sources[1].id: duplicate source id \"a\", first at line 3",
                "feeds.yml:9:11: sources[1].title: must not be empty",
                "feeds.yml:11:15: sources[1].rules[0].when: needs exactly one of category, title, link, text",
                "feeds.yml:11:24: sources[1].rules[0].when.title: not a valid regex: Unclosed group near index 1",
                "feeds.yml:12:15: sources[1].rules[0].type: \"Podcast\" is not a declared type (declared: News)");
        assertThat(e.getMessage()).startsWith("feeds.yml:1:95: site.items:").contains("\nfeeds.yml:5:10: ");
    }

    @Test
    void reportsDuplicateKeysAtTheSecondOccurrence() {
        String yaml = """
                site:
                  title: T
                  link: "https://lib.example.org/"
                  base_url: "http://localhost:8080"
                  title: U
                sources: []
                sources: []
                """;

        assertThatThrownBy(() -> loader.parse("feeds.yml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        feeds.yml:5:3: site.title: duplicate key, first at line 2
                        feeds.yml:7:1: sources: duplicate key, first at line 6""");
    }

    @Test
    void reportsMalformedYamlAtTheParsersPosition() {
        String yaml = """
                site:
                  title: T
                  link: "https://lib.example.org/
                  base_url: x
                """;

        assertThatThrownBy(() -> loader.parse("feeds.yml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("feeds.yml:5:1: invalid YAML: while scanning a quoted scalar, found unexpected end of stream");
    }

    @Test
    void reportsMappingValueInPlainScalarAsMalformedYaml() {
        assertThatThrownBy(() -> loader.parse("feeds.yml", "site:\n  title: a: b\n"))
                .hasMessage("feeds.yml:2:11: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void refusesTabIndentation() {
        assertThatThrownBy(() -> loader.parse("feeds.yml", "site:\n\ttitle: T\n"))
                .hasMessageStartingWith("feeds.yml:2:1: invalid YAML: while scanning for the next token, found character");
    }

    @Test
    void refusesASecondDocument() {
        assertThatThrownBy(() -> loader.parse("feeds.yml", "site: {}\n---\nsite: {}\n"))
                .hasMessage("feeds.yml:2:1: invalid YAML: expected a single document in the stream, "
                        + "but found another document");
    }

    @Test
    void refusesAnEmptyFileAtLineOneColumnOne() {
        assertThatThrownBy(() -> loader.parse("feeds.yml", "# nothing here yet\n"))
                .hasMessage("feeds.yml:1:1: the file is empty; expected a mapping with site: and sources:");
    }

    @Test
    void refusesATopLevelListAtLineOneColumnOne() {
        assertThatThrownBy(() -> loader.parse("feeds.yml", "\n\n- site\n"))
                .hasMessage("feeds.yml:1:1: expected a mapping with site: and sources:, found a list");
    }

    @Test
    void refusesAliasBombs() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            String prev = String.valueOf((char) (c - 1));
            yaml.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
        }

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse("feeds.yml", yaml.toString()));

        assertThat(e.errors()).singleElement().extracting(ConfigError::message).asString().startsWith("invalid YAML");
    }

    @Test
    void loadNamesTheFileAsGivenInEveryError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf.yml");
        Files.writeString(file, "site: {title: T}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));

        assertThat(e.errors()).allSatisfy(error -> assertThat(error.file()).isEqualTo(file.toString()));
        assertThat(e.errors().get(0).toString()).isEqualTo(file + ":1:7: site.link: missing required key");
    }

    @Test
    void loadReportsAMissingFileWithoutAPosition(@TempDir Path dir) {
        Path file = dir.resolve("nope.yml");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void loadRefusesBytesThatAreNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, "site: {title: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> loader.load(file)).hasMessage(file + ": not UTF-8 text");
    }

    @Test
    void errorPrintsLikeACompilerMessage() {
        assertThat(new ConfigError("feeds.yml", 14, 5, "sources[2].url", "not an http(s) URL"))
                .hasToString("feeds.yml:14:5: sources[2].url: not an http(s) URL");
        assertThat(new ConfigError("feeds.yml", 1, 1, "", "the file is empty"))
                .hasToString("feeds.yml:1:1: the file is empty");
    }
}
