package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.publish.Fixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.tributary.config.Site;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;
import org.w3c.dom.NodeList;

/**
 * Items' own language and their pictures through every writer: the page and /embed (lang on the item, the picture as
 * a figure with an alt, its credit as caption), the Atom entry's xml:lang and JSON Feed's {@code _tributary}.
 */
class ItemLanguageAndImageTest {

    static final String FRENCH_ALT = "Une bibliothécaire lit un album à des enfants \"assis\" <en cercle>";
    static final String FRENCH_CREDIT = "Photo : Marie Dupont";

    private final Publisher publisher = new Publisher();

    private static StoredItem stored(Items item, Instant date) {
        return new StoredItem(item.published(date).build(), date, date, date);
    }

    /** French with a described, credited picture; English (the site's language); no language, a bare picture. */
    static final List<StoredItem> MIXED = List.of(
            stored(Items.item("wls", "guid:fr").title("L'heure du conte").excerpt("Des histoires.").language("fr-FR")
                    .link("https://bm.example.fr/conte").imageUrl("https://bm.example.fr/img/conte.jpg")
                    .imageAlt(FRENCH_ALT).imageCredit(FRENCH_CREDIT), Instant.parse("2019-06-30T10:00:00Z")),
            stored(Items.item("wls", "guid:en").title("Storytime").excerpt("Stories.").language("en")
                    .link("https://wls.example.org/story"), Instant.parse("2019-06-29T10:00:00Z")),
            stored(Items.item("wls", "guid:none").title("Untagged").excerpt("Text.")
                    .imageUrl("https://wls.example.org/a.jpg"), Instant.parse("2019-06-28T10:00:00Z")));

    private static FeedView view(Site site) {
        return FeedView.merged(site, TOPICS, "", MIXED, SOURCES_BY_ID, RENDERED);
    }

    @Test
    void onThePageEveryPictureHasAnAltLoadsLazilyAndShowsItsCredit() {
        Document page = Jsoup.parse(publisher.html(view(SITE)));
        List<Element> images = page.select("article img");

        assertThat(images).hasSize(2).allSatisfy(img -> {
            assertThat(img.hasAttr("alt")).as("alt on %s", img).isTrue();
            assertThat(img.attr("loading")).isEqualTo("lazy");
            assertThat(img.attr("decoding")).isEqualTo("async");
            assertThat(img.parent().is("figure.item-image")).isTrue();
        });
        assertThat(images).extracting(img -> img.attr("src"), img -> img.attr("alt")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("https://bm.example.fr/img/conte.jpg", FRENCH_ALT),
                org.assertj.core.groups.Tuple.tuple("https://wls.example.org/a.jpg", ""));
        assertThat(page.select("article figure figcaption")).extracting(Element::text).containsExactly(FRENCH_CREDIT);
        assertThat(publisher.html(view(SITE))).doesNotContain("<en cercle>");
    }

    @Test
    void everyImgOfEveryPageHasAnAlt() {
        for (FeedView v : List.of(view(SITE), merged(), topic(), Fixtures.withEvent())) {
            for (String html : List.of(publisher.html(v), publisher.embed(v))) {
                assertThat(Jsoup.parse(html).select("img")).allSatisfy(img -> assertThat(img.hasAttr("alt")).isTrue());
            }
        }
    }

    @Test
    void anItemInAnotherLanguageThanThePageSaysSoAndThePagesOwnLinesInsideItStayInThePagesLanguage() {
        Document page = Jsoup.parse(publisher.html(view(SITE)));
        List<Element> articles = page.select("ol.items article");

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(articles).extracting(a -> a.attr("lang")).containsExactly("fr-FR", "", "");
        Element french = articles.get(0);
        assertThat(french.select("> p.meta, > p.source")).hasSize(2).allSatisfy(p -> assertThat(p.attr("lang")).isEqualTo("en"));
        assertThat(french.select("> h2, > p.excerpt, > figure")).allSatisfy(e -> assertThat(e.hasAttr("lang")).isFalse());
    }

    @Test
    void onAFrenchSiteTheFrenchItemNeedsNoLangAndTheEnglishOneGetsIt() {
        Site french = SITE.toBuilder().language("fr").build();
        Document page = Jsoup.parse(publisher.html(view(french)));

        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
        // "fr-FR" inside a page in "fr" is still said: a region is more than the page claims.
        assertThat(page.select("ol.items article")).extracting(a -> a.attr("lang")).containsExactly("fr-FR", "en", "");
    }

    @Test
    void theEmbedShowsThePictureAndTheItemsLanguageAsThePageDoes() {
        Document embed = Jsoup.parse(publisher.embed(view(SITE)));

        assertThat(embed.select("article")).extracting(a -> a.attr("lang")).containsExactly("fr-FR", "", "");
        assertThat(embed.select("article img")).extracting(img -> img.attr("alt"), img -> img.attr("loading"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FRENCH_ALT, "lazy"),
                        org.assertj.core.groups.Tuple.tuple("", "lazy"));
        assertThat(embed.select("article figcaption")).as("the credit is a line of the item's in /embed").isEmpty();
        assertThat(embed.select("article p.credit")).extracting(Element::text).containsExactly(FRENCH_CREDIT);
        assertThat(embed.select("article").get(0).select("> p.meta, > p.source"))
                .allSatisfy(p -> assertThat(p.attr("lang")).isEqualTo("en"));
    }

    @Test
    void anAtomEntryInAnotherLanguageThanTheFeedCarriesXmlLang() throws Exception {
        org.w3c.dom.Document atom = Xml.parse(publisher.atom(view(SITE)));
        List<org.w3c.dom.Element> entries = Xml.all(atom, Xml.ATOM, "entry");

        assertThat(atom.getDocumentElement().getAttributeNS(javax.xml.XMLConstants.XML_NS_URI, "lang")).isEqualTo("en");
        assertThat(entries).extracting(e -> e.getAttributeNS(javax.xml.XMLConstants.XML_NS_URI, "lang")).containsExactly("fr-FR", "", "");
        NodeList titles = entries.get(0).getElementsByTagNameNS(Xml.ATOM, "title");
        assertThat(titles.item(0).getTextContent()).isEqualTo("L'heure du conte");
    }

    @Test
    void jsonFeedCarriesEachItemsLanguageAndItsPicturesAltAndCredit() throws Exception {
        JsonNode items = new ObjectMapper().readTree(publisher.jsonFeed(view(SITE))).get("items");

        JsonNode french = items.get(0).get("_tributary");
        assertThat(items.get(0).get("image").asText()).isEqualTo("https://bm.example.fr/img/conte.jpg");
        assertThat(french.get("language").asText()).isEqualTo("fr-FR");
        assertThat(french.get("image_alt").asText()).isEqualTo(FRENCH_ALT);
        assertThat(french.get("image_credit").asText()).isEqualTo(FRENCH_CREDIT);
        JsonNode english = items.get(1).get("_tributary");
        assertThat(english.get("language").asText()).isEqualTo("en");
        assertThat(english.has("image_alt")).as("no picture, no alt").isFalse();
        JsonNode untagged = items.get(2).get("_tributary");
        assertThat(untagged.has("language")).isFalse();
        assertThat(untagged.get("image_alt").asText()).isEmpty();
    }
}
