package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {

    private static final URI REQUEST = URI.create("https://feeds.example.org/partner/feed.xml");

    private final FeedParser parser = new FeedParser();

    @Test
    void mapsRss20ItemFields() throws Exception {
        ParsedFeed feed = parse("rss20_full.xml", "application/rss+xml");

        assertThat(feed.format()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Programming Librarian");
        assertThat(feed.link()).isEqualTo(URI.create("https://programminglibrarian.org/"));
        assertThat(feed.baseUri()).isEqualTo(REQUEST);
        assertThat(feed.entries()).hasSize(2);

        ParsedFeed.Entry first = feed.entries().get(0);
        assertThat(first.guid()).isEqualTo("pl-1234");
        assertThat(first.link()).isEqualTo("https://programminglibrarian.org/articles/outreach");
        assertThat(first.title()).isEqualTo("Join our <b>webinar</b> on outreach");
        assertThat(first.summaryHtml()).isEqualTo("<p>A short <em>summary</em>.</p>");
        assertThat(first.contentHtml()).isEqualTo("<p>The full text.</p>");
        assertThat(first.authors()).containsExactlyInAnyOrder("Sam Writer", "Jane Editor");
        assertThat(first.categories()).containsExactly("Webinar", "Outreach");
        assertThat(first.published()).isEqualTo(Instant.parse("2019-06-27T14:30:00Z"));
        assertThat(first.imageUrl()).isEqualTo("https://programminglibrarian.org/thumb.jpg");
        assertThat(first.baseUri()).isEqualTo(REQUEST);
    }

    @Test
    void rssItemWithoutGuidHasNullGuidEvenThoughRomeCopiesTheLinkIntoItsUri() throws Exception {
        ParsedFeed.Entry second = parse("rss20_full.xml", null).entries().get(1);

        assertThat(second.guid()).isNull();
        assertThat(second.link()).isEqualTo("https://programminglibrarian.org/articles/no-guid");
        assertThat(second.imageUrl()).isEqualTo("https://programminglibrarian.org/photo.png");
    }

    @Test
    void mapsAtom10WithXmlBaseAndTextConstructs() throws Exception {
        ParsedFeed feed = parse("atom10_xml_base.xml", "application/atom+xml");

        assertThat(feed.format()).isEqualTo("atom_1.0");
        assertThat(feed.baseUri()).isEqualTo(URI.create("https://partner.example.org/news/"));
        ParsedFeed.Entry hours = feed.entries().get(0);
        assertThat(hours.guid()).isEqualTo("tag:partner.example.org,2024:hours");
        assertThat(hours.baseUri()).isEqualTo(URI.create("https://partner.example.org/news/2024/"));
        assertThat(hours.link()).isEqualTo("hours.html");
        assertThat(hours.title()).isEqualTo("Library &lt;b&gt;hours&lt;/b&gt; change");
        assertThat(hours.summaryHtml()).as("type=text is escaped into HTML").isEqualTo("Opening hours: 9 &lt; 10");
        assertThat(hours.contentHtml()).contains("<a href=\"../map.html\">the map</a>");
        assertThat(hours.authors()).containsExactly("Ana Author", "Bo Second");
        assertThat(hours.categories()).containsExactly("news");
        assertThat(hours.published()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
        assertThat(hours.updated()).isEqualTo(Instant.parse("2024-05-02T08:00:00Z"));
        assertThat(hours.imageUrl()).isEqualTo("https://partner.example.org/img/hours.jpg");

        ParsedFeed.Entry sponsors = feed.entries().get(1);
        assertThat(sponsors.title()).isEqualTo("AT&amp;T &lt;sponsors&gt; us");
        assertThat(sponsors.baseUri()).isEqualTo(URI.create("https://partner.example.org/news/"));
        assertThat(sponsors.link()).isEqualTo("sponsors");
    }

    @Test
    void mapsRss10WithDublinCore() throws Exception {
        ParsedFeed feed = parse("rss10_rdf.xml", "application/rdf+xml");

        assertThat(feed.format()).isEqualTo("rss_1.0");
        ParsedFeed.Entry item = feed.entries().get(0);
        assertThat(item.guid()).as("rdf:about").isEqualTo("https://library.example.net/events/42");
        assertThat(item.title()).isEqualTo("Story time");
        assertThat(item.summaryHtml()).isEqualTo("Stories for children.");
        assertThat(item.authors()).containsExactly("Children's desk");
        assertThat(item.categories()).containsExactly("Events");
        assertThat(item.published()).isEqualTo(Instant.parse("2023-11-05T16:00:00Z"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/html; charset=utf-8", "application/xml"})
    void htmlPageIsNotAFeed(String contentType) {
        assertThatThrownBy(() -> parser.parse(fixture("html_page.html"), contentType, REQUEST, null))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("not a feed: HTML page");
    }

    @Test
    void brokenMarkupServedAsHtmlIsReportedAsAnHtmlPage() {
        byte[] body = "<div><p>Welcome</div>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(body, "text/html", REQUEST, null))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("not a feed: HTML page");
    }

    @Test
    void doctypeWithEntityDeclarationsIsRefusedAndNothingIsResolved() {
        FeedParseException e = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(fixture("doctype_xxe_entity.xml"), "application/rss+xml", REQUEST, null));

        assertThat(e.getMessage()).startsWith("refused: DOCTYPE").doesNotContain("root:");
    }

    @Test
    void externalOnlyDoctypeIsCutAndHtmlEntitiesAreHealed() throws Exception {
        ParsedFeed feed = parse("doctype_external_rss091_netscape.xml", "text/xml");

        assertThat(feed.format()).startsWith("rss_0.91");
        assertThat(feed.title()).isEqualTo("Old\u00A0school");
        assertThat(feed.entries()).extracting(ParsedFeed.Entry::title).containsExactly("First\u00A0post");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/rss+xml", "text/xml; charset=UTF-8"})
    void iso88591DeclaredInXmlDeclarationDecodesEvenAgainstTheHttpCharset(String contentType) throws Exception {
        ParsedFeed feed = parser.parse(fixture("iso_8859_1_declared.xml"), contentType, REQUEST, null);

        assertThat(feed.title()).isEqualTo("Bibliothèque municipale");
        assertThat(feed.entries().get(0).title()).isEqualTo("Café littéraire à 18 h");
        assertThat(feed.entries().get(0).summaryHtml()).isEqualTo("Entrée libre, ½ tarif.");
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("UTF-16LE with BOM", bom(0xFF, 0xFE), StandardCharsets.UTF_16LE, null, true),
                Arguments.of("UTF-16BE without BOM", new byte[0], StandardCharsets.UTF_16BE, null, true),
                Arguments.of("UTF-8 BOM beats a wrong HTTP charset", bom(0xEF, 0xBB, 0xBF), StandardCharsets.UTF_8,
                        "text/xml; charset=iso-8859-1", false),
                Arguments.of("HTTP charset when there is no declaration", new byte[0], Charset.forName("windows-1252"),
                        "application/rss+xml; charset=windows-1252", false),
                Arguments.of("UTF-8 when nothing says", new byte[0], StandardCharsets.UTF_8, "application/rss+xml",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void detectsEncoding(String name, byte[] prefix, Charset charset, String contentType, boolean declare)
            throws Exception {
        String doc = (declare ? "<?xml version=\"1.0\" encoding=\"" + charset.name() + "\"?>" : "")
                + "<rss version=\"2.0\"><channel><title>Œuvres – café</title><link>https://x.example/</link>"
                + "<description>d</description></channel></rss>";
        byte[] text = doc.getBytes(charset);
        byte[] body = new byte[prefix.length + text.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(text, 0, body, prefix.length, text.length);

        assertThat(parser.parse(body, contentType, REQUEST, null).title()).isEqualTo("Œuvres – café");
    }

    static Stream<Arguments> garbage() {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        String nested = "<rss version=\"2.0\"><channel><title>t</title><description>"
                + "<x>".repeat(20_000) + "</description></channel></rss>";
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("whitespace", "  \n\t ".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("random bytes", random),
                Arguments.of("NUL bytes", new byte[64]),
                Arguments.of("UTF-16 BOM then junk", bom(0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8)),
                Arguments.of("JSON", "{\"version\":\"https://jsonfeed.org/version/1.1\"}".getBytes(StandardCharsets.UTF_8)),
                // A truncated feed and an undefined entity in one are read after repair (RepairAndEntitiesTest); not so elsewhere.
                Arguments.of("truncated, not a feed", "<shopping><title>cut".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unknown root", "<?xml version=\"1.0\"?><shopping/>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("rss without channel", "<rss version=\"2.0\"></rss>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("undefined entity, not a feed", "<shopping><title>&bogus;</title></shopping>"
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unclosed doctype", "<!DOCTYPE rss".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("deeply nested", nested.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageBecomesFeedParseExceptionWithAOneLineReason(String name, byte[] body) {
        FeedParseException e = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(body, "application/rss+xml", REQUEST, null));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void deepNestingIsRefusedBeforeTheParserSlowsDown() {
        String nested = "<rss version=\"2.0\"><channel><title>t</title><description>"
                + "<x>".repeat(100_000) + "</description></channel></rss>";
        long started = System.nanoTime();

        assertThatThrownBy(() -> parser.parse(nested.getBytes(StandardCharsets.UTF_8), null, REQUEST, null))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("refused: elements nested deeper than 500");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void relativeContentLocationResolvesAgainstTheRequestUrlAndBecomesTheBase() throws Exception {
        ParsedFeed feed = parser.parse(fixture("rss20_full.xml"), null, REQUEST, URI.create("/moved/feed.xml"));

        assertThat(feed.baseUri()).isEqualTo(URI.create("https://feeds.example.org/moved/feed.xml"));
        assertThat(feed.entries().get(0).baseUri()).isEqualTo(feed.baseUri());
    }

    private ParsedFeed parse(String name, String contentType) throws FeedParseException {
        return parser.parse(fixture(name), contentType, REQUEST, null);
    }

    static byte[] fixture(String name) {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bom(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return b;
    }
}
