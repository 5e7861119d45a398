package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.publish.Fixtures.*;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;
import org.w3c.dom.Element;

class AtomWriterTest {

    private final Publisher publisher = new Publisher();

    private SyndFeed parsed(FeedView view) throws Exception {
        return new SyndFeedInput().build(new StringReader(publisher.atom(view)));
    }

    @Test
    void isWellFormedXmlWithoutDoctypeDespiteHostileItems() throws Exception {
        String atom = publisher.atom(merged());

        Element root = Xml.parse(atom).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(Xml.ATOM);
        assertThat(root.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")).isEqualTo("en");
        assertThat(atom).doesNotContain("\u0001").doesNotContain("<script");
    }

    @Test
    void readsBackAsAtom10InTheStoresOrderWithTitles() throws Exception {
        SyndFeed feed = parsed(merged());

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Most Recently Added");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly(HOSTILE_TITLE, WEBINAR_TITLE, ORPHAN_TITLE);
    }

    @Test
    void feedIdIsTheSelfUrlAndLinksSelfHubAndAlternate() throws Exception {
        SyndFeed feed = parsed(merged());

        assertThat(feed.getUri()).isEqualTo("http://localhost:8080/feed.atom");
        assertThat(feed.getLinks()).extracting(SyndLink::getRel, SyndLink::getHref).contains(
                org.assertj.core.groups.Tuple.tuple("self", "http://localhost:8080/feed.atom"),
                org.assertj.core.groups.Tuple.tuple("hub", "https://hub.example.org/"),
                org.assertj.core.groups.Tuple.tuple("alternate", "https://library.example.org/"));
    }

    @Test
    void hasNoHubLinkWhenTheSiteHasNoHub() throws Exception {
        FeedView view = FeedView.merged(SITE_WITHOUT_HUB, TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED);

        assertThat(parsed(view).getLinks()).extracting(SyndLink::getRel).doesNotContain("hub");
    }

    @Test
    void selfLinkAndIdKeepTheQueryBecauseAFilteredFeedIsAnotherFeed() throws Exception {
        FeedView view = FeedView.merged(SITE, TOPICS, "type=Webinar&limit=10", List.of(WEBINAR), SOURCES_BY_ID, RENDERED);

        SyndFeed feed = parsed(view);

        assertThat(feed.getUri()).isEqualTo("http://localhost:8080/feed.atom?type=Webinar&limit=10");
        assertThat(publisher.atom(view)).contains("href=\"http://localhost:8080/feed.atom?type=Webinar&amp;limit=10\"");
    }

    @Test
    void entryIdsAreUrnsOfThePublicIdStableAcrossRendersAndUnique() throws Exception {
        List<String> first = parsed(merged()).getEntries().stream().map(SyndEntry::getUri).toList();
        List<String> second = parsed(merged()).getEntries().stream().map(SyndEntry::getUri).toList();

        assertThat(first).containsExactly("urn:tributary:pl-hostile", "urn:tributary:pl-webinar", "urn:tributary:gone-1")
                .doesNotHaveDuplicates().isEqualTo(second);
    }

    @Test
    void entriesCarryPublishedDateAndChangeTimeAsUpdated() throws Exception {
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(webinar.getPublishedDate()).isEqualTo(Date.from(WEBINAR_DATE));
        assertThat(webinar.getUpdatedDate()).isEqualTo(Date.from(WEBINAR_CHANGED.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    @Test
    void feedUpdatedIsTheLatestChangeOfItsItems() throws Exception {
        String atom = publisher.atom(merged());

        Element updated = (Element) Xml.parse(atom).getDocumentElement().getElementsByTagNameNS(Xml.ATOM, "updated").item(0);
        assertThat(updated.getTextContent()).isEqualTo("2019-06-27T14:00:00Z");
    }

    @Test
    void typeIsACategoryWithOurSchemeBesideTheItemsOwnCategories() throws Exception {
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(webinar.getCategories()).extracting(SyndCategory::getName, SyndCategory::getTaxonomyUri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Webinar", "urn:tributary:type"),
                        org.assertj.core.groups.Tuple.tuple("Community", null));
    }

    @Test
    void eachEntryCreditsItsSourceInAtomSource() throws Exception {
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(webinar.getSource().getTitle()).isEqualTo("Programming Librarian");
        assertThat(webinar.getSource().getUri()).isEqualTo("urn:tributary:source:programming-librarian");
        assertThat(webinar.getSource().getLinks()).extracting(SyndLink::getRel, SyndLink::getHref).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alternate", "https://programminglibrarian.org/"),
                org.assertj.core.groups.Tuple.tuple("self", "https://programminglibrarian.org/feed"));
    }

    /** The text of atom:source/atom:updated in each entry, in document order. */
    private static List<String> sourceUpdated(String atom) throws Exception {
        return Xml.all(Xml.parse(atom), Xml.ATOM, "source").stream()
                .map(source -> Xml.children(source, Xml.ATOM, "updated"))
                .map(updated -> updated.size() == 1 ? updated.get(0).getTextContent() : "(" + updated.size() + ")")
                .toList();
    }

    @Test
    void atomSourceIsUpdatedAtTheNewestChangeOfThatSourcesItemsInTheDocument() throws Exception {
        // HOSTILE and WEBINAR share a source (newest change: HOSTILE's date); ORPHAN is alone.
        assertThat(sourceUpdated(publisher.atom(merged())))
                .containsExactly("2019-06-27T14:00:00Z", "2019-06-27T14:00:00Z", "2019-05-23T09:00:00Z");
        // Only what is in the document counts: alone, the webinar dates its source by its own change time.
        FeedView webinarOnly = FeedView.merged(SITE, TOPICS, "type=Webinar", List.of(WEBINAR), SOURCES_BY_ID, RENDERED);
        assertThat(sourceUpdated(publisher.atom(webinarOnly))).containsExactly("2019-06-12T08:00:00Z");
    }

    @Test
    void atomSourceUpdatedReadsBackThroughRome() throws Exception {
        var atom = (com.rometools.rome.feed.atom.Feed) new com.rometools.rome.io.WireFeedInput()
                .build(new StringReader(publisher.atom(merged())));

        assertThat(atom.getEntries()).extracting(e -> e.getSource().getUpdated()).containsExactly(
                Date.from(HOSTILE_DATE), Date.from(HOSTILE_DATE), Date.from(ORPHAN_DATE));
    }

    @Test
    void anItemWhoseSourceLeftTheConfigIsStillPublishedAndCreditedByItsId() throws Exception {
        SyndEntry orphan = parsed(merged()).getEntries().get(2);

        assertThat(orphan.getSource().getTitle()).isEqualTo("gone");
        assertThat(orphan.getLink()).isEqualTo("https://gone.example.org/con");
    }

    @Test
    void authorsAreAtomPersonsAndTheImageIsAThumbnailNeverAnEnclosure() throws Exception {
        String atom = publisher.atom(merged());
        SyndEntry webinar = parsed(merged()).getEntries().get(1);

        assertThat(webinar.getAuthors()).extracting(SyndPerson::getName).containsExactly("Jane Doe", "Sam Roe");
        assertThat(webinar.getEnclosures()).isEmpty();
        assertThat(atom).doesNotContain("rel=\"enclosure\"");
        assertThat(Xml.all(Xml.parse(atom), Xml.MEDIA, "thumbnail")).singleElement()
                .satisfies(t -> assertThat(t.getAttribute("url")).isEqualTo(WEBINAR_IMAGE));
    }

    @Test
    void hostileTextSurvivesAsTextAndIllegalCharactersAreDropped() throws Exception {
        SyndEntry hostile = parsed(merged()).getEntries().get(0);

        assertThat(hostile.getTitle()).isEqualTo(HOSTILE_TITLE);
        assertThat(hostile.getDescription().getType()).isEqualTo("html");
        assertThat(hostile.getDescription().getValue()).isEqualTo("<p>Summary that ends a CDATA ]]> too " + EMOJI + "</p>");
        assertThat(hostile.getContents()).singleElement()
                .satisfies(c -> assertThat(c.getValue()).isEqualTo("<p>Content with ]]> and &amp; and  a control</p>"));
    }

    @Test
    void anEntryWithoutLinkHasNoAlternateLinkButHasContent() throws Exception {
        StoredItem bare = new StoredItem(Items.item("wls", "hash:1").publicId("bare").title("Bare")
                .excerpt("Only an excerpt.").published(ORPHAN_DATE).build(),
                ORPHAN_DATE, ORPHAN_DATE, ORPHAN_DATE);
        String atom = publisher.atom(FeedView.merged(SITE, TOPICS, "", List.of(bare), SOURCES_BY_ID, RENDERED));

        Element entry = Xml.all(Xml.parse(atom), Xml.ATOM, "entry").get(0);
        assertThat(Xml.children(entry, Xml.ATOM, "link")).isEmpty();
        Element content = Xml.children(entry, Xml.ATOM, "content").get(0);
        assertThat(content.getAttribute("type")).isEqualTo("text");
        assertThat(content.getTextContent()).isEqualTo("Only an excerpt.");
    }

    @Test
    void aLinkThatIsNotHttpIsLeftOut() throws Exception {
        StoredItem sneaky = new StoredItem(Items.item("wls", "hash:2").publicId("sneaky")
                .link(URI.create("javascript:alert(1)")).title("Sneaky").excerpt("x")
                .imageUrl("data:image/png;base64,AAAA").published(ORPHAN_DATE).build(),
                ORPHAN_DATE, ORPHAN_DATE, ORPHAN_DATE);

        String atom = publisher.atom(FeedView.merged(SITE, TOPICS, "", List.of(sneaky), SOURCES_BY_ID, RENDERED));

        assertThat(atom).doesNotContain("javascript:").doesNotContain("data:image");
    }

    @Test
    void anEmptyViewIsAValidFeedDatedWhenItsContentLastChanged() throws Exception {
        String atom = publisher.atom(FeedView.merged(SITE, TOPICS, "", List.of(), SOURCES_BY_ID, RENDERED));

        assertThat(Xml.all(Xml.parse(atom), Xml.ATOM, "entry")).isEmpty();
        assertThat(atom).contains("<updated>2019-07-01T10:00:00Z</updated>").doesNotContain("1970");
    }
}
