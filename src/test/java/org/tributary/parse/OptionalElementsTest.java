package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One malformed optional element never refuses a feed: Rome throws on it, the element is left out, the items are
 * read, and the one warning names the element.
 */
class OptionalElementsTest {

    private static final URI REQUEST = URI.create("https://feeds.example.org/partner/feed.xml");
    private static final String NAMESPACES = " xmlns:media=\"http://search.yahoo.com/mrss/\""
            + " xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"";

    private final FeedParser parser = new FeedParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            skipHours 25           | <skipHours><hour>25</hour></skipHours>                                | hour
            skipHours -1           | <skipHours><hour>-1</hour></skipHours>                                | hour
            skipHours not a number | <skipHours><hour>noon</hour></skipHours>                              | hour
            skipDays not a day     | <skipDays><day>Caturday</day></skipDays>                              | day
            cloud port word        | <cloud domain="rpc.example.org" port="eighty" path="/RPC2" registerProcedure="p" protocol="xml-rpc"/> | cloud
            """)
    void malformedChannelElementIsIgnoredAndTheItemsAreRead(String name, String element, String named)
            throws Exception {
        ParsedFeed feed = parse(rss(element, ""));

        assertThat(feed.entries()).extracting(ParsedFeed.Entry::title).containsExactly("First", "Second");
        assertThat(feed.warnings()).hasSize(1);
        assertThat(feed.warnings().get(0)).contains("<" + named + ">").startsWith("ignored malformed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            media:restriction without type | <media:restriction relationship="allow">us ca</media:restriction>   | media:restriction
            slash:hit_parade with a word   | <slash:hit_parade>many,3,2</slash:hit_parade>                     | slash:hit_parade
            slash:comments with a word     | <slash:comments>lots</slash:comments>                              | slash:comments
            """)
    void malformedItemElementIsIgnoredAndEveryItemIsRead(String name, String element, String named) throws Exception {
        ParsedFeed feed = parse(rss("", element));

        assertThat(feed.entries()).extracting(ParsedFeed.Entry::title).containsExactly("First", "Second");
        assertThat(feed.entries().get(0).link()).isEqualTo("https://partner.example.org/1");
        assertThat(feed.warnings()).hasSize(1);
        assertThat(feed.warnings().get(0)).contains("<" + named + ">");
    }

    @Test
    void twoMalformedElementsAreBothLeftOutWithAWarningEach() throws Exception {
        ParsedFeed feed = parse(rss("<skipHours><hour>25</hour></skipHours><skipDays><day>Caturday</day></skipDays>",
                "<slash:hit_parade>many</slash:hit_parade>"));

        assertThat(feed.entries()).hasSize(2);
        assertThat(feed.warnings()).hasSize(3);
        assertThat(String.join("\n", feed.warnings()))
                .contains("<hour> in <skipHours>", "<day> in <skipDays>", "<slash:hit_parade>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            skipHours 23 | <skipHours><hour>23</hour></skipHours>
            media:restriction with type | <media:restriction relationship="allow" type="country">us ca</media:restriction>
            """)
    void wellFormedOptionalElementsGiveNoWarning(String name, String element) throws Exception {
        ParsedFeed feed = parse(rss(element.startsWith("<media") ? "" : element, element.startsWith("<media") ? element : ""));

        assertThat(feed.entries()).hasSize(2);
        assertThat(feed.warnings()).isEmpty();
    }

    private static String rss(String channelExtra, String itemExtra) {
        return "<rss version=\"2.0\"" + NAMESPACES + "><channel><title>Partner</title>"
                + "<link>https://partner.example.org/</link><description>d</description>" + channelExtra
                + "<item><title>First</title><link>https://partner.example.org/1</link>" + itemExtra + "</item>"
                + "<item><title>Second</title><link>https://partner.example.org/2</link>" + itemExtra + "</item>"
                + "</channel></rss>";
    }

    private ParsedFeed parse(String doc) throws FeedParseException {
        return parser.parse(doc.getBytes(StandardCharsets.UTF_8), "application/rss+xml", REQUEST, null);
    }
}
