package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.config.Source;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.normalize.Normalizer;

/** JSON Feed 1.0 and 1.1 read into the same records as RSS and Atom, and hostile JSON refused or contained. */
class JsonFeedReaderTest {

    private static final URI REQUEST = URI.create("https://branch.example.org/feed.json");
    private final FeedParser parser = new FeedParser();

    @Test
    void version11MapsEveryFieldRssAndAtomHave() throws Exception {
        ParsedFeed feed = parser.parse(fixture("jsonfeed_1_1.json"), "application/feed+json", REQUEST, null);

        assertThat(feed.format()).isEqualTo("json_1.1");
        assertThat(feed.title()).as("text, as Rome gives a channel title").isEqualTo("Branch <News> & Notes");
        assertThat(feed.link()).isEqualTo(URI.create("https://branch.example.org/"));
        assertThat(feed.entries()).hasSize(3);
        ParsedFeed.Entry first = feed.entries().get(0);
        assertThat(first.guid()).isEqualTo("https://branch.example.org/p/1");
        assertThat(first.link()).isEqualTo("https://branch.example.org/p/1");
        assertThat(first.title()).isEqualTo("Storytime &lt;moves&gt; to Monday");
        assertThat(first.summaryHtml()).isEqualTo("Songs &amp; rhymes");
        assertThat(first.contentHtml()).startsWith("<p>Now on <b>Mondays</b>");
        assertThat(first.published()).isEqualTo(Instant.parse("2026-02-01T16:00:00Z"));
        assertThat(first.publishedText()).isEqualTo("2026-02-01T10:00:00-06:00");
        assertThat(first.updated()).isEqualTo(Instant.parse("2026-02-02T09:00:00Z"));
        assertThat(first.authors()).containsExactly("Ana Reyes");
        assertThat(first.categories()).containsExactly("Kids", "Storytime");
        assertThat(first.imageUrl()).isEqualTo("/img/storytime.jpg");
        ParsedFeed.Entry second = feed.entries().get(1);
        assertThat(second.guid()).as("a numeric id").isEqualTo("42");
        assertThat(second.link()).as("external_url when there is no url").isEqualTo("https://news.example.org/maker-day");
        assertThat(second.contentHtml()).isEqualTo("<p>Bring a friend.</p><p>3D printing &lt; 10 minutes</p>");
        assertThat(second.imageUrl()).isEqualTo("https://branch.example.org/banner.jpg");
        assertThat(second.authors()).as("the feed's authors stand in").containsExactly("Branch staff");
        assertThat(feed.entries().get(2).imageUrl()).as("the image attachment, not the audio")
                .isEqualTo("https://branch.example.org/ep3.png");
    }

    @Test
    void version10ReadsTheSingleAuthorAndResolvesRelativeUrls() throws Exception {
        ParsedFeed feed = parser.parse(fixture("jsonfeed_1_0.json"), "application/json", REQUEST, null);
        NormalizedFeed normalized = new Normalizer(100).normalize(feed, source());

        assertThat(feed.format()).isEqualTo("json_1.0");
        assertThat(feed.entries()).extracting(ParsedFeed.Entry::authors)
                .containsExactly(List.of("Item Author"), List.of("Feed Author"));
        assertThat(normalized.items()).extracting(Item::link).containsExactly(
                URI.create("https://branch.example.org/posts/1"), URI.create("https://branch.example.org/posts/2"));
        assertThat(normalized.items().get(0).published()).isEqualTo(Instant.parse("2025-12-24T07:00:00Z"));
    }

    @Test
    void itemsGoThroughTheSameNormalizePathAsRss() throws Exception {
        ParsedFeed feed = parser.parse(fixture("jsonfeed_1_1.json"), "application/feed+json", REQUEST, null);
        Item item = new Normalizer(100).normalize(feed, source()).items().get(0);

        assertThat(item.title()).isEqualTo("Storytime <moves> to Monday");
        assertThat(item.contentHtml()).contains("<b>Mondays</b>").doesNotContain("script");
        assertThat(item.imageUrl()).isEqualTo(URI.create("https://branch.example.org/img/storytime.jpg"));
        assertThat(item.identity()).isEqualTo("guid:https://branch.example.org/p/1");
    }

    @Test
    void aMalformedItemIsSkippedAndTheOthersKept() throws Exception {
        ParsedFeed feed = parser.parse(fixture("jsonfeed_malformed_items.json"), "application/feed+json", REQUEST, null);

        assertThat(feed.entries()).extracting(ParsedFeed.Entry::guid).containsExactly("good-1", "good-2");
    }

    @Test
    void aLeadingBraceWithAJsonFeedVersionIsEnoughWithoutTheMediaType() throws Exception {
        byte[] body = ("\n  {\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", "
                + "\"items\": [{\"id\": \"1\", \"content_text\": \"x\"}]}").getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(body, "text/plain", REQUEST, null).entries()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON Feed      | {\"title\": \"x\", \"items\": []}                                   | not a feed: JSON without a JSON Feed version",
            "other version      | {\"version\": \"https://jsonfeed.org/version/2\", \"items\": []}   | not a feed: JSON without a JSON Feed version",
            "no items           | {\"version\": \"https://jsonfeed.org/version/1.1\"}                | not a feed: JSON Feed without an items list",
            "cut short          | {\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [   | not a feed: unreadable JSON"})
    void jsonThatIsNotAReadableFeedIsAOneLineParseFailure(String name, String body, String message) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8), "application/json", REQUEST, null))
                .isInstanceOf(FeedParseException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void feedLevelFieldsOfTheWrongKindAreIgnoredNotThrown() throws Exception {
        byte[] body = ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": [1], \"home_page_url\": 7, "
                + "\"authors\": \"me\", \"items\": [{\"id\": \"1\", \"content_text\": \"x\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        ParsedFeed feed = parser.parse(body, "application/feed+json", REQUEST, null);

        assertThat(feed.title()).isEmpty();
        assertThat(feed.link()).isNull();
        assertThat(feed.entries()).singleElement().satisfies(e -> assertThat(e.authors()).isEmpty());
    }

    @Test
    void deepNestingIsRefusedByTheReaderNotByTheStack() {
        String deep = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", \"_x\": "
                + "[".repeat(200_000) + "]".repeat(200_000) + "}]}";

        assertThatThrownBy(() -> parser.parse(deep.getBytes(StandardCharsets.UTF_8), "application/feed+json", REQUEST,
                null)).isInstanceOf(FeedParseException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void aHugeStringIsCutByTheSameLimitsAsRss() throws Exception {
        String huge = "<p>" + "x".repeat(3_000_000) + "</p>";
        String body = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", \"title\": \""
                + "t".repeat(100_000) + "\", \"content_html\": \"" + huge + "\"}, {\"id\": \"2\", \"title\": \"fine\"}]}";

        ParsedFeed feed = parser.parse(body.getBytes(StandardCharsets.UTF_8), "application/feed+json", REQUEST, null);
        NormalizedFeed normalized = new Normalizer(100).normalize(feed, source());

        assertThat(normalized.items()).hasSize(2);
        assertThat(normalized.items().get(0).contentHtml().length()).isLessThanOrEqualTo(200_100);
    }

    private static Source source() {
        return new Source("branch", "Branch", REQUEST, null, Source.Kind.PARTNER, "News", List.of(),
                java.time.Duration.ofMinutes(30), null, List.of());
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = JsonFeedReaderTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        }
    }
}
