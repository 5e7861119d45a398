package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tributary.publish.Fixtures.*;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.config.Source;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class OpmlWriterTest {

    private final Publisher publisher = new Publisher();

    @Test
    void listsEverySourceWithFeedAndHomeUrlsAndTopicsAsCategories() throws Exception {
        Document doc = Xml.parse(publisher.opml(SITE, SOURCES));

        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(Xml.all(doc, "title").get(0).getTextContent()).isEqualTo("Most Recently Added — sources");
        assertThat(Xml.all(doc, "outline")).extracting(
                o -> o.getAttribute("text"), o -> o.getAttribute("type"), o -> o.getAttribute("xmlUrl"),
                o -> o.getAttribute("htmlUrl"), o -> o.getAttribute("category")).containsExactly(
                tuple("Programming Librarian", "rss", "https://programminglibrarian.org/feed",
                        "https://programminglibrarian.org/", "partnerships,engagement"),
                tuple("Westfield Library System", "rss", "https://wls.example.org/news.rss", "", "engagement"));
    }

    @Test
    void aTopicFilterKeepsOnlyThatTopicsSources() throws Exception {
        Document doc = Xml.parse(publisher.opml(SITE, SOURCES, PARTNERSHIPS));

        assertThat(Xml.all(doc, "outline")).extracting(o -> o.getAttribute("xmlUrl"))
                .containsExactly("https://programminglibrarian.org/feed");
        assertThat(Xml.all(doc, "title").get(0).getTextContent()).isEqualTo("Partnerships & collaboration — sources");
    }

    @Test
    void hostileTitlesStayWellFormed() throws Exception {
        Source odd = new Source("odd", "\"Quotes\" & <tags>\u0001 " + EMOJI, URI.create("https://odd.example.org/feed"),
                null, Source.Kind.LIBRARY, "News", List.of(), Duration.ofMinutes(30), null, List.of());

        String opml = publisher.opml(SITE, List.of(odd));

        Element outline = Xml.all(Xml.parse(opml), "outline").get(0);
        assertThat(outline.getAttribute("title")).isEqualTo("\"Quotes\" & <tags> " + EMOJI);
        assertThat(opml).doesNotContain("\u0001").doesNotContain("&#1;").startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
}
