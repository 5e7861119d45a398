package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Base64 in Atom content: text is decoded, anything else is skipped, and the entry keeps its other fields. */
class Base64ContentTest {

    private static final URI REQUEST = URI.create("https://feeds.example.org/partner/feed.atom");
    /** The first bytes of a JPEG file: 0xFF 0xD8 is not UTF-8, and NUL is not XML. */
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};

    private final FeedParser parser = new FeedParser();

    @ParameterizedTest
    @ValueSource(strings = {"image/jpeg", "application/octet-stream", "application/pdf"})
    void binaryBase64ContentIsSkippedAndTheEntryKeepsItsOtherFields(String type) throws Exception {
        ParsedFeed feed = parse(atomEntry("<content type=\"" + type + "\">"
                + Base64.getMimeEncoder().encodeToString(JPEG) + "</content>"));

        ParsedFeed.Entry entry = feed.entries().get(0);
        assertThat(entry.title()).isEqualTo("Photo of the week");
        assertThat(entry.link()).isEqualTo("https://partner.example.org/photo");
        assertThat(entry.summaryHtml()).isEqualTo("A picture of the reading room");
        assertThat(entry.contentHtml()).isNull();
    }

    @Test
    void imageContentIsSkippedEvenWhenItsBytesHappenToBeText() throws Exception {
        ParsedFeed feed = parse(atomEntry("<content type=\"image/svg\">" + base64("<b>not shown</b>") + "</content>"));

        assertThat(feed.entries().get(0).contentHtml()).isNull();
    }

    @Test
    void base64TextIsDecoded() throws Exception {
        ParsedFeed feed = parse(atomEntry("<content type=\"application/octet-stream\">\n  "
                + base64("Example <b>Atom</b> – café") + "\n</content>"));

        assertThat(feed.entries().get(0).contentHtml()).isEqualTo("Example <b>Atom</b> – café");
    }

    @Test
    void multipartIsNotBase64AndStaysText() throws Exception {
        ParsedFeed feed = parse(atomEntry("<content type=\"multipart/alternative\">Doors open at 9 &lt;sharp&gt;</content>"));

        assertThat(feed.entries().get(0).contentHtml()).isEqualTo("Doors open at 9 &lt;sharp&gt;");
    }

    @Test
    void anEnclosureLinkTypeIsNotMistakenForBase64Content() throws Exception {
        ParsedFeed feed = parse(atomEntry(
                "<link rel=\"enclosure\" type=\"image/jpeg\" href=\"https://partner.example.org/p.jpg\"/>"));

        assertThat(feed.entries().get(0).link()).isEqualTo("https://partner.example.org/photo");
        assertThat(feed.entries().get(0).imageUrl()).isEqualTo("https://partner.example.org/p.jpg");
    }

    @Test
    void atom03BinaryBase64IsSkipped() throws Exception {
        String doc = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title>"
                + "<entry><title>Kept</title><id>urn:x:1</id>"
                + "<content mode=\"base64\" type=\"image/jpeg\">" + Base64.getEncoder().encodeToString(JPEG)
                + "</content></entry></feed>";

        ParsedFeed.Entry entry = parse(doc).entries().get(0);
        assertThat(entry.title()).isEqualTo("Kept");
        assertThat(entry.contentHtml()).isNull();
    }

    private static String atomEntry(String extra) {
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Partner</title><id>urn:x:feed</id>"
                + "<updated>2024-05-01T09:00:00Z</updated><entry><title>Photo of the week</title><id>urn:x:1</id>"
                + "<updated>2024-05-01T09:00:00Z</updated><link href=\"https://partner.example.org/photo\"/>"
                + "<summary>A picture of the reading room</summary>" + extra + "</entry></feed>";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private ParsedFeed parse(String doc) throws FeedParseException {
        return parser.parse(doc.getBytes(StandardCharsets.UTF_8), "application/atom+xml", REQUEST, null);
    }
}
