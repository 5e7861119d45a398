package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.config.Source;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;

/** The language each item's feed declares and its image's alt text, from fixture feeds through parse and normalize. */
class ItemLanguageAndAltTest {

    private static final URI REQUEST = URI.create("https://feeds.example.org/partner/feed.xml");
    private final Source source = TestSources.source("partner");

    private List<Item> items(String fixture, String contentType) throws Exception {
        ParsedFeed feed = new FeedParser().parse(fixture(fixture), contentType, REQUEST, null);
        return new Normalizer(200).normalize(feed, source).items();
    }

    @Test
    void aFrenchChannelsItemsAreFrenchUnlessOneSaysOtherwise() throws Exception {
        assertThat(items("language_french_rss.xml", "application/rss+xml"))
                .extracting(Item::title, Item::language)
                .containsExactly(tuple("L'heure du conte", "fr-FR"), tuple("Nouveaux horaires d'été", "fr-FR"),
                        tuple("English conversation club", "en"));
    }

    @Test
    void anAtomEntryHasItsOwnXmlLangElseTheFeedsAndJunkOrAnEmptyXmlLangIsNoLanguage() throws Exception {
        assertThat(items("language_mixed_atom.xml", "application/atom+xml"))
                .extracting(Item::title, Item::language)
                .containsExactly(tuple("Storytime", "en"), tuple("Cuentacuentos", "es-MX"),
                        tuple("Heure du conte", "fr"), tuple("Klingon night", null), tuple("No language", null));
    }

    @Test
    void aJsonFeedsLanguageIsEveryItemsLanguage() throws Exception {
        assertThat(items("language_jsonfeed.json", "application/feed+json")).extracting(Item::language)
                .containsExactly("de-DE");
    }

    @Test
    void thePicturesAltComesFromMediaDescriptionMediaTitleOrTheFirstImgAndIsEmptyWhenNoneIsGiven()
            throws Exception {
        assertThat(items("language_french_rss.xml", "application/rss+xml"))
                .extracting(Item::imageUrl, Item::imageAlt, Item::imageCredit)
                .containsExactly(
                        tuple(URI.create("https://bm.example.fr/img/conte.jpg"),
                                "Une bibliothécaire lit un album à des enfants assis en cercle", "Photo : Marie Dupont"),
                        tuple(URI.create("https://bm.example.fr/img/facade.jpg"),
                                "La façade de la bibliothèque au matin", null),
                        tuple(URI.create("https://bm.example.fr/img/club.jpg"), "Members of the conversation club",
                                null));
        Item storytime = items("language_mixed_atom.xml", "application/atom+xml").get(0);
        assertThat(storytime.imageUrl()).hasToString("https://partner.example.org/1.jpg");
        assertThat(storytime.imageAlt()).isNull();
    }

    @Test
    void aLongDescriptionIsCutToAnAltTextAtAWordBoundary() throws Exception {
        String words = "word ".repeat(200).strip();
        String rss = """
                <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>
                <item><title>Long</title><guid>1</guid><description>x</description>
                <media:thumbnail url="https://p.example.org/a.jpg"/><media:description>%s</media:description>
                </item></channel></rss>""".formatted(words);
        ParsedFeed feed = new FeedParser().parse(rss.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/rss+xml", REQUEST, null);
        String alt = new Normalizer(200).normalize(feed, source).items().get(0).imageAlt();
        assertThat(alt).hasSizeLessThanOrEqualTo(FieldLimits.ALT).endsWith("word…");
    }

    @Test
    void aChangedAltOrLanguageIsAChangeOfTheItem() throws Exception {
        Item before = items("language_mixed_atom.xml", "application/atom+xml").get(1);
        String changed = new String(fixture("language_mixed_atom.xml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("xml:lang=\"es-mx\"", "xml:lang=\"es\"");
        ParsedFeed feed = new FeedParser().parse(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/atom+xml", REQUEST, null);
        Item after = new Normalizer(200).normalize(feed, source).items().get(1);
        assertThat(after.language()).isEqualTo("es");
        assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
        assertThat(after.rawHash()).isNotEqualTo(before.rawHash());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(nullValues = "null", value = {
            "en, en", "EN, en", "en-us, en-US", "fr_FR, fr-FR", "' pt-br ', pt-BR", "zh-hant-tw, zh-Hant-TW",
            "de-CH-1996, de-CH-1996", "ast, ast",
            "English, null", "fran, null", "x, null", "und, null", "x-klingon, null", "en--us, null",
            "'', null", "'   ', null", "en-US-, null", "123, null", "fr;q=0.8, null"})
    void aDeclaredLanguageIsKeptOnlyAsAWellFormedTag(String declared, String expected) {
        assertThat(LanguageTag.of(declared)).isEqualTo(expected);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ItemLanguageAndAltTest.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return in.readAllBytes();
        }
    }
}
