package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Documents that feed readers read and Rome alone refuses or reads as empty. */
class LiberalReadingTest {

    private static final URI REQUEST = URI.create("https://feeds.example.org/partner/feed.xml");

    private final FeedParser parser = new FeedParser();

    @Test
    void atomEntryDocumentIsAOneItemFeed() throws Exception {
        ParsedFeed feed = parse("""
                <?xml version="1.0"?>
                <entry xmlns="http://www.w3.org/2005/Atom" xml:base="https://partner.example.org/news/">
                  <title>Board meeting moved</title>
                  <id>tag:partner.example.org,2024:board</id>
                  <updated>2024-05-02T08:00:00Z</updated>
                  <link href="board.html"/>
                  <summary type="html">&lt;p&gt;Now on &lt;b&gt;Tuesday&lt;/b&gt;.&lt;/p&gt;</summary>
                </entry>""");

        assertThat(feed.format()).isEqualTo("atom_1.0");
        assertThat(feed.entries()).hasSize(1);
        ParsedFeed.Entry entry = feed.entries().get(0);
        assertThat(entry.title()).isEqualTo("Board meeting moved");
        assertThat(entry.guid()).isEqualTo("tag:partner.example.org,2024:board");
        assertThat(entry.link()).isEqualTo("board.html");
        assertThat(entry.baseUri()).isEqualTo(URI.create("https://partner.example.org/news/"));
        assertThat(entry.summaryHtml()).isEqualTo("<p>Now on <b>Tuesday</b>.</p>");
        assertThat(entry.updatedText()).isEqualTo("2024-05-02T08:00:00Z");
    }

    @Test
    void feedWithoutNamespaceIsReadAsAtom() throws Exception {
        ParsedFeed feed = parse("""
                <feed>
                  <title>Partner news</title>
                  <entry>
                    <title type="text">Story time &lt;b&gt;is back&lt;/b&gt;</title>
                    <id>urn:x:1</id>
                    <published>2024-05-01T09:00:00Z</published>
                    <link rel="alternate" href="https://partner.example.org/story"/>
                    <content type="xhtml"><div><p>Every <em>Tuesday</em></p></div></content>
                  </entry>
                </feed>""");

        assertThat(feed.format()).isEqualTo("atom_1.0");
        assertThat(feed.title()).isEqualTo("Partner news");
        ParsedFeed.Entry entry = feed.entries().get(0);
        assertThat(entry.title()).isEqualTo("Story time &lt;b&gt;is back&lt;/b&gt;");
        assertThat(entry.link()).isEqualTo("https://partner.example.org/story");
        assertThat(entry.published()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
        assertThat(entry.contentHtml()).contains("<p>Every <em>Tuesday</em></p>");
    }

    @Test
    void feedWithoutNamespaceSayingVersion03IsAtom03() throws Exception {
        ParsedFeed feed = parse("<feed version=\"0.3\"><title>Old</title><entry><title>One</title><id>urn:x:1</id>"
                + "<link rel=\"alternate\" type=\"text/html\" href=\"https://partner.example.org/1\"/></entry></feed>");

        assertThat(feed.format()).isEqualTo("atom_0.3");
        assertThat(feed.entries()).extracting(ParsedFeed.Entry::title).containsExactly("One");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            A&#x3C;B                              | A&lt;B
            1 &lt; 2 and 3 &lt;4                  | 1 &lt; 2 and 3 &lt;4
            Join our &lt;b&gt;webinar&lt;/b&gt;   | Join our <b>webinar</b>
            x&lt;y &lt;br/&gt; z                  | x&lt;y <br/> z
            Plain                                 | Plain
            """)
    void aLessThanThatOpensNoTagInAnRssTitleIsText(String written, String expected) throws Exception {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>c</title><link>https://p.example/</link>"
                + "<description>d</description><item><title>" + written + "</title>"
                + "<link>https://p.example/1</link></item></channel></rss>");

        assertThat(feed.entries().get(0).title()).isEqualTo(expected);
    }

    private ParsedFeed parse(String doc) throws FeedParseException {
        return parser.parse(doc.getBytes(StandardCharsets.UTF_8), null, REQUEST, null);
    }
}
