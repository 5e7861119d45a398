package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.config.Config;
import org.tributary.config.ConfigException;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import org.tributary.parse.ParsedFeed;

/** Drop and keep rules, a source's own and the top-level filters, as feeds.yml states them. */
class FilterRulesTest {

    private static final URI BASE = URI.create("https://partner.example.org/feed");
    private final Normalizer normalizer = new Normalizer(80);

    private static Source source(String rulesAndFilters) throws ConfigException {
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                types: [News, Webinar]
                topics: [{ id: kids, title: Kids }]
                """ + rulesAndFilters);
        return config.sources().get(0);
    }

    private static final String SOURCE = """
            sources:
              - id: p
                title: P
                url: https://partner.example.org/feed
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("drop on title", SOURCE + """
                            rules:
                              - when: { title: "(?i)closed for" }
                                action: drop
                        """, List.of("Storytime", "Maker day")),
                Arguments.of("drop on text searches the plain text, not the markup", SOURCE + """
                            rules:
                              - when: { text: "(?i)sponsored post" }
                                action: drop
                        """, List.of("Storytime", "Maker day")),
                Arguments.of("text also searches the title", SOURCE + """
                            rules:
                              - when: { text: "^Maker" }
                                action: drop
                        """, List.of("Storytime", "Closed for the holiday")),
                Arguments.of("keep rules publish only what they match", SOURCE + """
                            rules:
                              - when: { category: kids }
                                action: keep
                        """, List.of("Storytime")),
                Arguments.of("a filter drops for every source, before its own rules", SOURCE + """
                            rules:
                              - when: { category: kids }
                                action: keep
                        filters:
                          - when: { text: "(?i)storytime" }
                            action: drop
                        """, List.of()),
                Arguments.of("a keep filter makes every source keep-only", SOURCE + """
                        filters:
                          - when: { title: "(?i)maker|closed" }
                            action: keep
                        """, List.of("Closed for the holiday", "Maker day")),
                Arguments.of("the first drop or keep rule that matches decides", SOURCE + """
                            rules:
                              - when: { title: "Maker" }
                                action: keep
                              - when: { text: "(?i)sponsored" }
                                action: drop
                        """, List.of("Maker day")),
                Arguments.of("classify rules alone publish everything", SOURCE + """
                            rules:
                              - when: { text: "(?i)sponsored" }
                                type: Webinar
                        """, List.of("Storytime", "Closed for the holiday", "Maker day")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rulesDecideWhatIsPublished(String name, String yaml, List<String> published) throws ConfigException {
        Source source = source(yaml);
        NormalizedFeed feed = normalizer.normalize(threeEntries(), source);

        assertThat(feed.items()).extracting(Item::title).containsExactlyElementsOf(published);
        assertThat(feed.ruledOut()).hasSize(3 - published.size());
        assertThat(feed.dropped()).as("rules are not failures").isZero();
    }

    @Test
    void aKeepRuleThatGivesATypeClassifiesAsWellAndLaterRulesStillClassify() throws ConfigException {
        Source source = source(SOURCE + """
                    rules:
                      - when: { category: kids }
                        action: keep
                        topics: [kids]
                      - when: { title: "Storytime" }
                        type: Webinar
                filters:
                  - when: { title: "Maker" }
                    action: keep
                """);
        List<Item> items = normalizer.normalize(threeEntries(), source).items();

        assertThat(items).extracting(Item::title).containsExactly("Storytime", "Maker day");
        assertThat(items.get(0).topics()).containsExactly("kids");
        assertThat(items.get(0).type()).isEqualTo("News");
        assertThat(items.get(1).type()).isEqualTo("News");
    }

    @Test
    void aChangeOfRulesChangesEveryFingerprintSoStoredEntriesAreReadAgain() throws ConfigException {
        Source before = source(SOURCE);
        Source after = source(SOURCE + """
                filters:
                  - when: { text: "(?i)sponsored" }
                    action: drop
                """);
        ParsedFeed.Entry entry = threeEntries().entries().get(0);

        assertThat(new RawFingerprint(after, 80).of(entry, BASE)).isNotEqualTo(new RawFingerprint(before, 80).of(entry, BASE));
        assertThat(new RawFingerprint(source(SOURCE + """
                filters:
                  - when: { text: "(?i)sponsored" }
                    action: keep
                """), 80).of(entry, BASE)).as("the action counts too").isNotEqualTo(new RawFingerprint(after, 80).of(entry, BASE));
    }

    @Test
    @Timeout(60) // a safety net only: without the budget this one search takes about half a minute (JDK 17)
    void aCatastrophicRegexOnAHostileEntryLeavesThatEntryOutAndTheOthersIn() throws ConfigException {
        Source source = source(SOURCE + """
                    rules:
                      - when: { text: "(.*a){12}$" }
                        action: drop
                """);
        ParsedFeed hostile = new ParsedFeed("rss_2.0", "Feed", null, BASE, List.of(
                entry("1", "Before", "<p>fine</p>", List.of()),
                entry("2", "a".repeat(32) + "!", null, List.of()),
                entry("3", "After", "<p>fine</p>", List.of())));

        NormalizedFeed feed = normalizer.normalize(hostile, source);

        assertThat(feed.items()).extracting(Item::title).containsExactly("Before", "After");
        assertThat(feed.dropped()).isEqualTo(1);
    }

    @Test
    void aRuleReadsAtMostTheCappedTextOfAHugeItem() throws ConfigException {
        Source source = source(SOURCE + """
                    rules:
                      - when: { text: "NEEDLE" }
                        action: drop
                """);
        String body = "<p>" + "word ".repeat(RuleText.MAX_CHARS) + "NEEDLE</p>";
        ParsedFeed huge = new ParsedFeed("rss_2.0", "Feed", null, BASE, List.of(
                entry("1", "Early needle", "<p>NEEDLE</p>", List.of()), entry("2", "Late needle", body, List.of())));

        assertThat(normalizer.normalize(huge, source).items()).extracting(Item::title).containsExactly("Late needle");
    }

    private static ParsedFeed threeEntries() {
        return new ParsedFeed("rss_2.0", "Feed", null, BASE, List.of(
                entry("1", "Storytime", "<p>Songs and <b>rhymes</b> for toddlers</p>", List.of("Kids")),
                entry("2", "Closed for the holiday", "<p>All branches. <i>Sponsored</i> post by the <a "
                        + "href=\"https://x.example/\">bakery</a></p>", List.of()),
                entry("3", "Maker day", "<p>3D printing for all <span title=\"sponsored post\">ages</span></p>",
                        List.of())));
    }

    private static ParsedFeed.Entry entry(String guid, String title, String html, List<String> categories) {
        return new ParsedFeed.Entry(guid, "https://partner.example.org/" + guid, title, html, null, List.of(),
                categories, null, null, null, BASE);
    }
}
