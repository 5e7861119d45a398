package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Ill-formed feeds read after one repair, with a warning; internal DOCTYPE text entities read within bounds; every
 * other DOCTYPE subset (external entities, parameter entities, entity bombs) still refused.
 */
class RepairAndEntitiesTest {

    private static final URI REQUEST = URI.create("https://feeds.example.org/partner/feed.xml");

    private final FeedParser parser = new FeedParser();

    @Test
    void bareAmpersandsAreEscapedWithoutDecodingLegacyEntities() throws Exception {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>P &amp; Q</title><item><title>AT&T</title>"
                + "<link>https://p.example/get?a=1&copy=2&b=3</link></item></channel></rss>");

        assertThat(feed.entries()).hasSize(1);
        assertThat(feed.entries().get(0).link()).isEqualTo("https://p.example/get?a=1&copy=2&b=3");
        assertThat(feed.entries().get(0).title()).isEqualTo("AT&T");
        assertThat(feed.warnings()).singleElement().asString().startsWith("malformed XML at line").contains("repair");
    }

    @Test
    void unterminatedCdataAndElementsAreClosedAtTheEnd() throws Exception {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>c</title><item><title>One</title>"
                + "<link>https://p.example/1</link></item><item><title><![CDATA[Two is cut");

        assertThat(feed.entries()).extracting(ParsedFeed.Entry::title).containsExactly("One", "Two is cut");
        assertThat(feed.warnings()).hasSize(1);
    }

    @Test
    void aWellFormedFeedGetsNoWarning() throws Exception {
        assertThat(parse("<rss version=\"2.0\"><channel><title>c</title><item><title>One</title></item></channel></rss>")
                .warnings()).isEmpty();
    }

    @Test
    void aDocumentThatIsNoFeedIsNotRepairedIntoOne() {
        assertThatThrownBy(() -> parse("<html><body><p>a & b</body>")).isInstanceOf(FeedParseException.class);
        assertThatThrownBy(() -> parse("<catalog><book>a & b</catalog>")).isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("malformed XML at line");
    }

    @Test
    void itemsDirectlyUnderRssWithoutAChannelAreRead() throws Exception {
        ParsedFeed feed = parse("<rss><item><title>Loose</title><link>https://p.example/1</link></item></rss>");

        assertThat(feed.entries()).extracting(ParsedFeed.Entry::title).containsExactly("Loose");
    }

    @Test
    void anAtomLinkWithItsUrlAsTextHasThatHref() throws Exception {
        ParsedFeed feed = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:x:1</id>"
                + "<link rel=\"alternate\" type=\"text/html\">https://p.example/a</link></entry></feed>");

        assertThat(feed.entries().get(0).link()).isEqualTo("https://p.example/a");
    }

    @Test
    void internalTextEntitiesAreSubstituted() throws Exception {
        ParsedFeed feed = parse("""
                <!DOCTYPE rss [
                  <!-- a comment -->
                  <!ENTITY id "tag:example.com,">
                  <!ENTITY co 'AT&amp;T &#60;&id;&gt;'>
                ]>
                <rss version="2.0"><channel><title>&co;</title><item><guid isPermaLink="false">&id;2006:/blog/</guid>
                <title>&co;</title><description><![CDATA[&id; stays]]></description></item></channel></rss>""");

        ParsedFeed.Entry entry = feed.entries().get(0);
        assertThat(entry.guid()).isEqualTo("tag:example.com,2006:/blog/");
        assertThat(entry.title()).isEqualTo("AT&T &lt;tag:example.com,>");
        assertThat(entry.summaryHtml()).isEqualTo("&id; stays");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        doctype.append("]>");
        assertThatThrownBy(() -> parse(doctype + "<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>"))
                .isInstanceOf(FeedParseException.class).hasMessageStartingWith("refused: DOCTYPE");
    }

    @Test
    void manyUsesOfOneLargeEntityAreRefused() {
        String big = "x".repeat(1000);
        String doc = "<!DOCTYPE rss [<!ENTITY big \"" + big + "\">]><rss version=\"2.0\"><channel><title>"
                + "&big;".repeat(100) + "</title></channel></rss>";
        assertThatThrownBy(() -> parse(doc)).isInstanceOf(FeedParseException.class)
                .hasMessage("refused: DOCTYPE entities expand to more than 65536 characters");
    }

    @Test
    void externalAndParameterEntitiesAreRefusedAsBefore() {
        for (String subset : new String[] {"<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
                "<!ENTITY xxe PUBLIC \"-//x\" \"http://evil.example/x\">", "<!ENTITY % p \"x\"> %p;",
                "<!ENTITY a \"&#60;b&#62;\"><!ELEMENT rss ANY>", "<!ENTITY m \"<b>bold</b>\">",
                "<!ENTITY c \"&d;\"><!ENTITY d \"&c;\">"}) {
            assertThatThrownBy(() -> parse("<!DOCTYPE rss [" + subset + "]><rss version=\"2.0\"><channel><title>"
                    + "&xxe;</title></channel></rss>")).as(subset).isInstanceOf(FeedParseException.class)
                    .hasMessageStartingWith("refused: DOCTYPE");
        }
    }

    private ParsedFeed parse(String doc) throws FeedParseException {
        return parser.parse(doc.getBytes(StandardCharsets.UTF_8), null, REQUEST, null);
    }
}
