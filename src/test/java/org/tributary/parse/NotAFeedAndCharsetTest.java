package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NotAFeedAndCharsetTest {

    private static final URI PAGE = URI.create("https://partner.example.org/news/");
    private final FeedParser parser = new FeedParser();

    @ParameterizedTest
    @ValueSource(strings = {"application/rss+xml", "application/atom+xml", "Application/RSS+XML"})
    void anHtmlPageNamesTheFeedItAdvertises(String type) {
        String html = """
                <!DOCTYPE html><html><head><title>News</title>
                <link rel="stylesheet" href="/style.css">
                <link rel="alternate" type="%s" title="News feed" href="../feed.xml">
                </head><body><p>Hello</p></body></html>""".formatted(type);
        assertThatThrownBy(() -> parser.parse(html.getBytes(StandardCharsets.UTF_8), "text/html", PAGE, null))
                .hasMessage("not a feed: HTML page; it advertises a feed at https://partner.example.org/feed.xml");
    }

    @Test
    void anHtmlPageWithoutAFeedLinkIsJustNotAFeed() {
        String html = "<html><head><link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/\"></head><body/></html>";
        assertThatThrownBy(() -> parser.parse(html.getBytes(StandardCharsets.UTF_8), "text/html", PAGE, null))
                .hasMessage("not a feed: HTML page");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text/xml; charset=\"iso-8859-1\"",
            "text/xml; charset='iso-8859-1'",
            "text/xml;charset=ISO-8859-1",
            "text/xml; charset = \" iso-8859-1\"",
            "application/rss+xml; CHARSET=latin1"})
    void quotedOrPaddedHttpCharsetsAreAccepted(String contentType) throws Exception {
        byte[] body = "<rss version=\"2.0\"><channel><title>Caf\u00e9</title></channel></rss>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(body, contentType, PAGE, null).title()).isEqualTo("Caf\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/xml", "application/xml", "application/rss+xml"})
    void textXmlWithoutACharsetIsUtf8NotUsAscii(String contentType) throws Exception {
        byte[] body = "<rss version=\"2.0\"><channel><title>Caf\u00e9 \u2013 \u00fcber</title></channel></rss>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(body, contentType, PAGE, null).title()).isEqualTo("Caf\u00e9 \u2013 \u00fcber");
    }

    @Test
    void readsPollHintsFromRssAndTheSyndicationModule() throws Exception {
        String rss = """
                <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>
                <ttl>90</ttl><skipHours><hour>1</hour><hour>2</hour></skipHours><skipDays><day>Sunday</day></skipDays>
                <sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>
                </channel></rss>""";
        PollHints hints = parser.parse(rss.getBytes(StandardCharsets.UTF_8), "application/rss+xml", PAGE, null)
                .pollHints();
        assertThat(hints.ttl()).hasMinutes(90);
        assertThat(hints.skipHours()).containsExactlyInAnyOrder(1, 2);
        assertThat(hints.skipDays()).containsExactly(java.time.DayOfWeek.SUNDAY);
        assertThat(hints.updatePeriod()).hasHours(12);
    }
}
