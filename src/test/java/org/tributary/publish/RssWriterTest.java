package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tributary.publish.Fixtures.*;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class RssWriterTest {

    private final Publisher publisher = new Publisher();

    private SyndFeed parsed(FeedView view) throws Exception {
        return new SyndFeedInput().build(new StringReader(publisher.rss(view)));
    }

    private Document dom(FeedView view) throws Exception {
        return Xml.parse(publisher.rss(view));
    }

    @Test
    void isWellFormedXmlWithoutDoctypeDespiteHostileItems() throws Exception {
        String rss = publisher.rss(merged());

        assertThat(Xml.parse(rss).getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(rss).doesNotContain("\u0001").doesNotContain("<script");
    }

    @Test
    void readsBackAsRss20InTheStoresOrderWithTitlesLinksAndDates() throws Exception {
        SyndFeed feed = parsed(merged());

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getLanguage()).isEqualTo("en");
        assertThat(feed.getLink()).isEqualTo("https://library.example.org/");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle, SyndEntry::getLink, SyndEntry::getPublishedDate)
                .containsExactly(
                        tuple(HOSTILE_TITLE, null, Date.from(HOSTILE_DATE)),
                        tuple(WEBINAR_TITLE, WEBINAR_LINK, Date.from(WEBINAR_DATE)),
                        tuple(ORPHAN_TITLE, "https://gone.example.org/con", Date.from(ORPHAN_DATE)));
    }

    @Test
    void datesAreRfc822() throws Exception {
        Element pubDate = Xml.all(dom(merged()), "pubDate").get(1);   // [0] is the channel's

        assertThat(pubDate.getTextContent()).isEqualTo("Thu, 27 Jun 2019 14:00:00 GMT");
    }

    @Test
    void hasAtomSelfAndHubLinks() throws Exception {
        List<Element> links = Xml.all(dom(merged()), Xml.ATOM, "link");

        assertThat(links).extracting(l -> l.getAttribute("rel"), l -> l.getAttribute("href")).containsExactly(
                tuple("self", "http://localhost:8080/feed.rss"),
                tuple("hub", "https://hub.example.org/"));
    }

    @Test
    void topicFeedLinksToItsTopicPageAndItsOwnSelfUrl() throws Exception {
        SyndFeed feed = parsed(topic());

        assertThat(feed.getLink()).isEqualTo("http://localhost:8080/topics/partnerships");
        assertThat(Xml.all(dom(topic()), Xml.ATOM, "link").get(0).getAttribute("href"))
                .isEqualTo("http://localhost:8080/topics/partnerships/feed.rss");
        assertThat(feed.getTitle()).isEqualTo("Partnerships & collaboration — Most Recently Added");
    }

    @Test
    void guidsAreOurUrnsAndNotPermalinks() throws Exception {
        List<Element> guids = Xml.all(dom(merged()), "guid");

        assertThat(guids).extracting(g -> g.getAttribute("isPermaLink"), Element::getTextContent).containsExactly(
                tuple("false", "urn:tributary:pl-hostile"),
                tuple("false", "urn:tributary:pl-webinar"),
                tuple("false", "urn:tributary:gone-1"));
    }

    @Test
    void authorNamesAreDcCreators() throws Exception {
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(Xml.all(dom(merged()), Xml.DC, "creator")).extracting(Element::getTextContent)
                .containsExactly("Ann Author", "Jane Doe", "Sam Roe");
        DCModule dc = (DCModule) webinar.getModule(DCModule.URI);
        assertThat(dc.getCreators()).containsExactly("Jane Doe", "Sam Roe");
        assertThat(webinar.getAuthor()).isEqualTo("Jane Doe");
    }

    @Test
    void typeIsACategoryWithOurDomainBesideTheItemsOwnCategories() throws Exception {
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(webinar.getCategories()).extracting(SyndCategory::getName, SyndCategory::getTaxonomyUri)
                .containsExactly(tuple("Webinar", "urn:tributary:type"), tuple("Community", null));
    }

    @Test
    void eachItemCreditsItsSourceWithTheSourcesFeedUrl() throws Exception {
        List<Element> sources = Xml.all(dom(merged()), "source");

        // The third item's source is no longer configured: RSS requires a url, so it has no <source>.
        assertThat(sources).extracting(s -> s.getAttribute("url"), Element::getTextContent).containsExactly(
                tuple("https://programminglibrarian.org/feed", "Programming Librarian"),
                tuple("https://programminglibrarian.org/feed", "Programming Librarian"));
        assertThat(parsed(merged()).getEntries().get(1).getSource().getTitle()).isEqualTo("Programming Librarian");
    }

    @Test
    void theImageIsAMediaThumbnailNotAnEnclosureWithAGuessedTypeAndLengthZero() throws Exception {
        Document doc = dom(merged());
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(Xml.all(doc, "enclosure")).isEmpty();
        assertThat(webinar.getEnclosures()).isEmpty();
        assertThat(Xml.all(doc, Xml.MEDIA, "thumbnail")).singleElement()
                .satisfies(t -> assertThat(t.getAttribute("url")).isEqualTo(WEBINAR_IMAGE));
    }

    @Test
    void descriptionIsTheSummaryHtmlAndContentEncodedTheContentHtml() throws Exception {
        SyndEntry hostile = parsed(merged()).getEntries().get(0);

        assertThat(hostile.getDescription().getValue()).isEqualTo("<p>Summary that ends a CDATA ]]> too " + EMOJI + "</p>");
        assertThat(Xml.all(dom(merged()), Xml.CONTENT, "encoded")).singleElement().satisfies(c ->
                assertThat(c.getTextContent()).isEqualTo("<p>Content with ]]> and &amp; and  a control</p>"));
    }

    @Test
    void anItemWithOnlyAnExcerptGetsItEscapedAsHtml() throws Exception {
        FeedView view = FeedView.merged(SITE, TOPICS, "", List.of(ORPHAN), SOURCES_BY_ID, RENDERED);

        assertThat(parsed(view).getEntries().get(0).getDescription().getValue())
                .isEqualTo("Librarian Recommended blogger shares her experience.");
    }

    @Test
    void aChannelWithoutDescriptionFallsBackToItsTitleBecauseRssRequiresOne() throws Exception {
        FeedView view = FeedView.merged(SITE_WITHOUT_HUB, TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED);

        assertThat(parsed(view).getDescription()).isEqualTo("Most Recently Added");
        assertThat(Xml.all(dom(view), Xml.ATOM, "link")).extracting(l -> l.getAttribute("rel")).containsExactly("self");
    }
}
