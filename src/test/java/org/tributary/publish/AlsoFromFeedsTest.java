package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tributary.publish.Fixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.store.StoredItem;

/**
 * "Also from ..." in every feed format, read back by Rome and Jackson: one story carried by three partners, the
 * first credited, the other two listed with the links of their own copies (the third has none: its home page).
 */
class AlsoFromFeedsTest {

    private static final String WLS_COPY = "https://wls.example.org/news/heart-community";

    private final Publisher publisher = new Publisher();

    private static FeedView view() {
        StoredItem shared = new StoredItem(WEBINAR.item(), WEBINAR.date(), WEBINAR.firstSeen(), WEBINAR.changedAt(),
                List.of(new StoredItem.OtherCopy("wls", URI.create(WLS_COPY)),
                        // (any configured source with a home page will do for "no link of its own")
                        new StoredItem.OtherCopy("programming-librarian", null),
                        new StoredItem.OtherCopy("gone", null)));
        return FeedView.merged(SITE, TOPICS, "", List.of(shared, ORPHAN), SOURCES_BY_ID, RENDERED);
    }

    @Test
    void atomCarriesOneRelatedLinkPerOtherSourceTitledWithItsName() throws Exception {
        SyndEntry entry = new SyndFeedInput().build(new StringReader(publisher.atom(view()))).getEntries().get(0);

        assertThat(entry.getLinks()).filteredOn(l -> "related".equals(l.getRel()))
                .extracting(SyndLink::getHref, SyndLink::getTitle)
                .containsExactly(
                        tuple(WLS_COPY, "Also from Westfield Library System"),
                        tuple("https://programminglibrarian.org/", "Also from Programming Librarian"));
        assertThat(entry.getLink()).as("the alternate link is still the item's own").isEqualTo(WEBINAR_LINK);
    }

    @Test
    void rssCarriesThemAsAtomLinksInsideTheItem() throws Exception {
        List<SyndEntry> entries = new SyndFeedInput().build(new StringReader(publisher.rss(view()))).getEntries();

        AtomLinkModule atom = (AtomLinkModule) entries.get(0).getModule(AtomLinkModule.URI);
        assertThat(atom.getLinks()).extracting(Link::getRel, Link::getHref, Link::getTitle).containsExactly(
                tuple("related", WLS_COPY, "Also from Westfield Library System"),
                tuple("related", "https://programminglibrarian.org/", "Also from Programming Librarian"));
        assertThat(entries.get(1).getModule(AtomLinkModule.URI)).as("an item nobody repeated").isNull();
        assertThat(Xml.parse(publisher.rss(view())).getDocumentElement().getAttribute("version")).isEqualTo("2.0");
    }

    @Test
    void jsonFeedListsEveryOtherSourceUnderTributaryAlsoFrom() throws Exception {
        JsonNode items = new ObjectMapper().readTree(publisher.jsonFeed(view())).get("items");

        JsonNode also = items.get(0).get("_tributary").get("also_from");
        assertThat(also).hasSize(3);
        assertThat(also.get(0).get("id").asText()).isEqualTo("wls");
        assertThat(also.get(0).get("title").asText()).isEqualTo("Westfield Library System");
        assertThat(also.get(0).get("url").asText()).isEqualTo(WLS_COPY);
        assertThat(also.get(1).get("url").asText()).isEqualTo("https://programminglibrarian.org/");
        assertThat(also.get(1).get("home").asText()).isEqualTo("https://programminglibrarian.org/");
        assertThat(also.get(2).get("title").asText()).as("a source no longer configured").isEqualTo("gone");
        assertThat(also.get(2).has("url")).isFalse();
        assertThat(items.get(1).get("_tributary").has("also_from")).isFalse();
    }
}
