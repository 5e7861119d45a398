package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.config.FetchOptions;
import org.tributary.config.ItemOptions;
import org.tributary.config.Rule;
import org.tributary.config.Source;
import org.tributary.parse.ParsedFeed;

class NormalizerTest {

    private static final URI BASE = URI.create("https://partner.example.org/news/");

    private final Normalizer normalizer = new Normalizer(40);
    private final Source source = TestSources.source("partner");

    // ---- identity -------------------------------------------------------------------------------------------------

    static Stream<Arguments> identities() {
        return Stream.of(
                Arguments.of("guid wins over link", "abc-1", "https://x.example/a", "guid:abc-1"),
                Arguments.of("guid is trimmed", "  abc-1 \n", null, "guid:abc-1"),
                Arguments.of("blank guid falls back to link", " ", "https://x.example/a", "link:https://x.example/a"),
                Arguments.of("relative link is resolved first", null, "../a", "link:https://partner.example.org/a"),
                Arguments.of("tracking params are not identity", null, "https://x.example/a?utm_source=rss",
                        "link:https://x.example/a"),
                Arguments.of("javascript: link is no link", null, "javascript:alert(1)", "hash:"),
                Arguments.of("nothing at all hashes", null, null, "hash:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void identityIsGuidThenLinkThenHash(String name, String guid, String link, String expected) {
        Item item = only(entry().guid(guid).link(link).title("Title").summary("text"));

        if (expected.equals("hash:")) {
            assertThat(item.identity()).matches("hash:[0-9a-f]{32}");
        } else {
            assertThat(item.identity()).isEqualTo(expected);
        }
    }

    @Test
    void bidiOverridesAndIsolatesNeverReachATitleOrAnExcerpt() {
        // "Free books \u202Egpj.exe" shows as "Free books exe.jpg" and reverses whatever follows on the page.
        Item item = only(entry().guid("bidi").title("Free books \u202Egpj.exe")
                .summary("<p>Read \u2067this\u2069 and \u202Bthat\u202C, \u200Fmarks stay</p>"));

        assertThat(item.title()).isEqualTo("Free books gpj.exe");
        assertThat(item.excerpt()).isEqualTo("Read this and that, \u200Fmarks stay");
        assertThat(item.title() + item.excerpt()).doesNotContainPattern("[\u202A-\u202E\u2066-\u2069]");
    }

    @Test
    void hashIdentityIsStableAndDependsOnTitleDateAndText() {
        Item a = only(entry().title("Same").summary("words").published("2020-01-01T00:00:00Z"));
        Item again = only(entry().title("Same").summary("words").published("2020-01-01T00:00:00Z"));
        Item otherTitle = only(entry().title("Other").summary("words").published("2020-01-01T00:00:00Z"));
        Item otherDate = only(entry().title("Same").summary("words").published("2021-01-01T00:00:00Z"));

        assertThat(a.identity()).isEqualTo(again.identity()).isNotEqualTo(otherTitle.identity())
                .isNotEqualTo(otherDate.identity());
    }

    @Test
    void publicIdIsDeterministicPerSourceAndIdentity() {
        Item item = only(entry().guid("g-1"));
        Item sameAgain = only(entry().guid("g-1").title("retitled"));
        Item otherSource = normalizer.normalize(feed(entry().guid("g-1")), TestSources.source("other")).items().get(0);

        assertThat(item.publicId()).matches("[a-z2-7]{20}")
                .isEqualTo(sameAgain.publicId())
                .isEqualTo(Identity.publicId("partner", "guid:g-1"))
                .isNotEqualTo(otherSource.publicId());
    }

    @Test
    void anEntryRepeatedWordForWordIsOneItemTheFirst() {
        NormalizedFeed feed = normalizer.normalize(feed(
                entry().guid("a").title("a").summary("same"),
                entry().guid("b").title("b"),
                entry().guid("a").title("a").summary("same")), source);

        assertThat(feed.items()).extracting(Item::identity).containsExactly("guid:a", "guid:b");
        assertThat(feed.notes()).isEmpty();
    }

    @Test
    void aGuidSharedByDifferentItemsFallsBackToTheirLinksAndIsNoted() {
        NormalizedFeed feed = normalizer.normalize(feed(
                entry().guid("dup").link("https://x.example/1").title("first"),
                entry().guid("b").link("https://x.example/b").title("b"),
                entry().guid("dup").link("https://x.example/2").title("second")), source);

        assertThat(feed.items()).extracting(Item::identity)
                .containsExactly("link:https://x.example/1", "guid:b", "link:https://x.example/2");
        assertThat(feed.notes()).singleElement().asString().contains("2 different items share the guid \"dup\"");
    }

    @Test
    void aPodcastWithTheChannelLinkOnEveryEpisodeKeepsEveryEpisodeUnderTheSameIdsEachTime() {
        ParsedFeed.Entry[] episodes = new ParsedFeed.Entry[15];
        for (int i = 0; i < 15; i++) {
            episodes[i] = entry().link("https://podcast.example.org/").title("Episode " + (15 - i))
                    .summary("Show notes " + i).published("2026-0" + (1 + i % 9) + "-1" + (i % 10) + "T10:00:00Z").build();
        }
        NormalizedFeed first = normalizer.normalize(new ParsedFeed("rss_2.0", "Pod", null, BASE, List.of(episodes)), source);
        NormalizedFeed again = normalizer.normalize(new ParsedFeed("rss_2.0", "Pod", null, BASE, List.of(episodes)), source);

        assertThat(first.items()).hasSize(15).allMatch(i -> i.identity().startsWith("hash:"));
        assertThat(first.items()).extracting(Item::publicId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(again.items().stream().map(Item::publicId).toList());
        assertThat(first.items()).allMatch(i -> i.link().toString().equals("https://podcast.example.org/"));
        assertThat(first.notes()).singleElement().asString()
                .contains("15 different items share the link \"https://podcast.example.org/\"");
    }

    @Test
    void feedBurnerItemsRepeatingOneGuidAndOneLinkAreFourItems() {
        NormalizedFeed feed = normalizer.normalize(feed(
                entry().guid("tag:blogger.com,1999:blog-1").link("https://feeds.example/~r/x").title("One"),
                entry().guid("tag:blogger.com,1999:blog-1").link("https://feeds.example/~r/x").title("Two"),
                entry().guid("tag:blogger.com,1999:blog-1").link("https://feeds.example/~r/x").title("Three"),
                entry().guid("tag:blogger.com,1999:blog-1").link("https://feeds.example/~r/x").title("Four")), source);

        assertThat(feed.items()).extracting(Item::title).containsExactly("One", "Two", "Three", "Four");
        assertThat(feed.items()).extracting(Item::publicId).doesNotHaveDuplicates();
        assertThat(feed.notes()).hasSize(2);
    }

    // ---- excerpt --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] max {1}: \"{0}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            short                  | 10 | short
            exactly ten            | 11 | exactly ten
            hello world again      | 12 | hello world…
            hello wonderful world  | 12 | hello…
            abcdefghijklmnop       |  8 | abcdefg…
            one, two three         |  6 | one…
            """)
    void excerptCutsAtAWordBoundaryWithinTheLimit(String text, int max, String expected) {
        String cut = Excerpt.cut(text, max);

        assertThat(cut).isEqualTo(expected);
        assertThat(cut.length()).isLessThanOrEqualTo(max);
    }

    @Test
    void excerptNeverSplitsASurrogatePair() {
        String text = "aaaa\uD83D\uDE00bbb"; // "aaaa😀bbb"

        for (int max = 2; max < text.length(); max++) {
            String cut = Excerpt.cut(text, max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            String body = cut.substring(0, cut.length() - 1);
            assertThat(body.isEmpty() || !Character.isHighSurrogate(body.charAt(body.length() - 1)))
                    .as("max %d gives %s", max, cut).isTrue();
        }
        assertThat(Excerpt.cut(text, 6)).isEqualTo("aaaa…");
        assertThat(Excerpt.cut(text, 7)).isEqualTo("aaaa\uD83D\uDE00…");
    }

    @Test
    void excerptIsPlainTextWithSpacesAcrossBlocksAndDecodedEntities() {
        Item item = only(entry().summary("<p>Fish&amp;chips</p><p>tonight</p><ul><li>one</li><li>two</li></ul>"));

        assertThat(item.excerpt()).isEqualTo("Fish&chips tonight one two");
    }

    @Test
    void excerptComesFromContentWhenThereIsNoSummaryAndIsCutToTheConfiguredLength() {
        Item item = only(entry().content("<div>" + "word ".repeat(30) + "</div>"));

        assertThat(item.excerpt()).hasSizeLessThanOrEqualTo(40).endsWith("word…").doesNotContain("  ");
    }

    // ---- HTML -----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            script removed             | <p>safe<script>alert(1)</script></p>                    | <p>safe</p>
            onclick removed, rel added | <a href="https://x.example/" onclick="evil()">x</a>     | <a href="https://x.example/" rel="nofollow noopener ugc">x</a>
            javascript href removed    | <a href="javascript:alert(1)">click</a> here            | click here
            relative href resolved     | <a href="/page">p</a>                                   | <a href="https://partner.example.org/page" rel="nofollow noopener ugc">p</a>
            relative img resolved      | <img src="pic.jpg" alt="a">                             | <img src="https://partner.example.org/news/pic.jpg" alt="a">
            tracking pixel dropped     | text<img src="https://t.example/p.gif" width="1" height="1"> | text
            data image dropped         | <img src="data:image/png;base64,AAAA">ok                | ok
            style attribute removed    | <p style="color:red">x</p>                              | <p>x</p>
            iframe removed             | <iframe src="https://evil.example/"></iframe>ok         | ok
            style element removed      | <style>p{}</style><b>ok</b>                             | <b>ok</b>
            form removed               | <form action="https://x.example/"><input name=q></form>ok | ok
            """)
    void sanitizesSummaryHtml(String name, String dirty, String clean) {
        Item item = only(entry().summary(dirty));

        assertThat(item.summaryHtml()).isEqualTo(clean);
    }

    @Test
    void relativeLinksWithoutAnyBaseAreDroppedNotKeptRelative() {
        ParsedFeed feed = new ParsedFeed("rss_2.0", "t", null, null,
                List.of(entry().base(null).summary("<a href=\"/x\">x</a>").link("/x").build()));

        Item item = normalizer.normalize(feed, source).items().get(0);

        assertThat(item.summaryHtml()).isEqualTo("x");
        assertThat(item.link()).isNull();
    }

    @Test
    void textFieldsArePlainTextWithoutIllegalXmlCharacters() {
        Item item = only(entry()
                .title("  <b>Bold</b> &amp;\n <i>it</i>\u0001 \uD800")
                .authors(List.of("<span>Ana</span>", "Ana", " "))
                .categories(List.of("News &amp; Events", "")));

        assertThat(item.title()).isEqualTo("Bold & it");
        assertThat(item.authors()).containsExactly("Ana");
        assertThat(item.categories()).containsExactly("News & Events");
    }

    // ---- URLs, dates ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://x.example/a?utm_source=rss&id=3&fbclid=abc#top | https://x.example/a?id=3#top
            https://x.example/a?utm_medium=feed&UTM_campaign=z     | https://x.example/a
            https://x.example/a?gclid=1&page=2                     | https://x.example/a?page=2
            https://x.example/a?id=3                               | https://x.example/a?id=3
            https://x.example/a b?q=é                              | https://x.example/a%20b?q=%C3%A9
            http://www.詹姆斯.com/詹/?q=姆#斯                          | http://www.xn--8ws00zhy3a.com/%E8%A9%B9/?q=%E5%A7%86#%E6%96%AF
            http://www.%E8%A9%B9%E5%A7%86%E6%96%AF.com/            | http://www.xn--8ws00zhy3a.com/
            https://user@BÜCHEREI.example:8443/a                     | https://user@xn--bcherei-n2a.example:8443/a
            """)
    void linkIsAbsoluteAndLosesTrackingParameters(String raw, String expected) {
        assertThat(only(entry().link(raw)).link()).isEqualTo(URI.create(expected));
    }

    @Test
    void imageIsResolvedAgainstTheEntryBaseAndMustBeHttp() {
        assertThat(only(entry().image("img/a.jpg")).imageUrl())
                .isEqualTo(URI.create("https://partner.example.org/news/img/a.jpg"));
        assertThat(only(entry().image("data:image/png;base64,AAAA")).imageUrl()).isNull();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1970-01-01T00:00:00Z, false
            1989-12-31T23:59:59Z, false
            1990-01-01T00:00:00Z, true
            2019-06-27T14:30:00Z, true
            """)
    void datesBefore1990AreMissing(String date, boolean kept) {
        Item item = only(entry().published(date).updated(date));

        assertThat(item.published()).isEqualTo(kept ? Instant.parse(date) : null);
        assertThat(item.updated()).isEqualTo(kept ? Instant.parse(date) : null);
    }

    @Test
    void anEntryWithOnlyAnUpdatedDateIsDatedByIt() {
        Item item = only(entry().updated("2018-11-06T09:00:00Z"));

        assertThat(item.published()).isEqualTo(Instant.parse("2018-11-06T09:00:00Z"));
    }

    @Test
    void anEntryWithNeitherDateHasNone() {
        assertThat(only(entry()).published()).isNull();
    }

    // ---- type and topics ------------------------------------------------------------------------------------------

    private final Source withRules = TestSources.source("pl",
            new Rule("webinar", null, null, "Webinar", List.of("training")),
            new Rule(null, Pattern.compile("(?i)conference"), null, "Event", List.of()),
            new Rule(null, null, Pattern.compile("/events/"), null, List.of("events")));

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("category, case-insensitive", "Talk", "https://pl.example/a", List.of(" WEBINAR "),
                        "Webinar", List.of("partnerships", "training")),
                Arguments.of("title regex find()", "Our annual Conference 2024", "https://pl.example/a", List.of(),
                        "Event", List.of("partnerships")),
                Arguments.of("first match wins", "Conference", "https://pl.example/a", List.of("Webinar"),
                        "Webinar", List.of("partnerships", "training")),
                Arguments.of("link rule without type keeps the default", "Story", "https://pl.example/events/4",
                        List.of(), "News", List.of("partnerships", "events")),
                Arguments.of("no rule: source defaults", "Story", "https://pl.example/a", List.of("Outreach"),
                        "News", List.of("partnerships")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void typeAndTopicsComeFromTheSourceThenItsFirstMatchingRule(String name, String title, String link,
            List<String> categories, String type, List<String> topics) {
        Item item = normalizer.normalize(feed(entry().title(title).link(link).categories(categories)), withRules)
                .items().get(0);

        assertThat(item.type()).isEqualTo(type);
        assertThat(item.topics()).containsExactlyElementsOf(topics);
    }

    @Test
    void categoriesNoRuleMapsAreReported() {
        NormalizedFeed feed = normalizer.normalize(feed(
                entry().guid("1").categories(List.of("Webinar", "Outreach")),
                entry().guid("2").categories(List.of("outreach", "Books"))), withRules);

        assertThat(feed.unmappedCategories()).containsExactlyInAnyOrder("Outreach", "outreach", "Books");
    }

    // ---- per-source identity option ------------------------------------------------------------------------------

    private static Source withIdentity(ItemOptions.IdentityRule rule) {
        Source s = TestSources.source("partner");
        return new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), s.type(), s.topics(), s.every(), s.owner(),
                s.rules(), FetchOptions.DEFAULTS, new ItemOptions(rule, ZoneOffset.UTC, false, false, 500, null));
    }

    static Stream<Arguments> identityRules() {
        return Stream.of(
                // rule, guid, link, expected identity ("hash:" = a content hash)
                Arguments.of("AUTO", "g-1", "https://x.example/a", "guid:g-1"),
                Arguments.of("AUTO", null, "https://x.example/a", "link:https://x.example/a"),
                Arguments.of("AUTO", null, null, "hash:"),
                Arguments.of("GUID", "g-1", "https://x.example/a", "guid:g-1"),
                Arguments.of("GUID", null, "https://x.example/a", "link:https://x.example/a"),
                Arguments.of("LINK", "g-1", "https://x.example/a", "link:https://x.example/a"),
                Arguments.of("LINK", "g-1", null, "hash:"),
                Arguments.of("CONTENT", "g-1", "https://x.example/a", "hash:"),
                Arguments.of("CONTENT", null, null, "hash:"));
    }

    @ParameterizedTest(name = "{0}: guid={1} link={2} → {3}")
    @MethodSource("identityRules")
    void identityFollowsTheSourcesRule(String rule, String guid, String link, String expected) {
        Item item = normalizer.normalize(feed(entry().guid(guid).link(link).title("Title").summary("text")),
                withIdentity(ItemOptions.IdentityRule.valueOf(rule))).items().get(0);

        if (expected.equals("hash:")) assertThat(item.identity()).matches("hash:[0-9a-f]{32}");
        else assertThat(item.identity()).isEqualTo(expected);
    }

    @Test
    void contentIdentityIgnoresGuidLinkAndDateButNotTitleOrText() {
        Source content = withIdentity(ItemOptions.IdentityRule.CONTENT);
        Item a = normalizer.normalize(feed(entry().guid("1").link("https://x.example/1").title("Closed Monday")
                .summary("All branches").published("2024-01-01T00:00:00Z")), content).items().get(0);
        Item regenerated = normalizer.normalize(feed(entry().guid("2").link("https://x.example/2").title("Closed Monday")
                .summary("All branches").published("2024-02-01T00:00:00Z")), content).items().get(0);
        Item otherText = normalizer.normalize(feed(entry().title("Closed Monday").summary("Main branch only")), content)
                .items().get(0);

        assertThat(a.identity()).isEqualTo(regenerated.identity()).isNotEqualTo(otherText.identity());
        assertThat(a.publicId()).isEqualTo(regenerated.publicId());
    }

    // ---- one unreadable entry -------------------------------------------------------------------------------------

    @Test
    void anEntryThatMakesNormalizeThrowIsDroppedAndCountedAndTheRestKept() {
        // A real way to throw: an editor's title rule with a nested alternation overflows the regex engine's stack
        // on a hostile 100,000-character title (java.util.regex recurses per repetition).
        Source fragileRule = TestSources.source("partner",
                new Rule(null, Pattern.compile("(a|b)+c"), null, "Webinar", List.of()));
        NormalizedFeed feed = normalizer.normalize(feed(
                entry().guid("1").title("Before"),
                entry().guid("2").title("ab".repeat(50_000)),
                entry().guid("3").title("After")), fragileRule);

        assertThat(feed.items()).extracting(Item::title).containsExactly("Before", "After");
        assertThat(feed.dropped()).isEqualTo(1);
    }

    // ---- content hash ---------------------------------------------------------------------------------------------

    @Test
    void contentHashChangesWithWhatAReaderSeesOnly() {
        Item a = only(entry().guid("g").title("One").summary("<p>x</p>"));
        Item same = only(entry().guid("g").title("One").summary("<p>x</p>"));
        Item retitled = only(entry().guid("g").title("Two").summary("<p>x</p>"));
        Item otherCategory = only(entry().guid("g").title("One").summary("<p>x</p>").categories(List.of("c")));

        assertThat(a.contentHash()).matches("[0-9a-f]{64}").isEqualTo(same.contentHash())
                .isNotEqualTo(retitled.contentHash()).isNotEqualTo(otherCategory.contentHash());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Item only(EntryBuilder entry) {
        NormalizedFeed feed = normalizer.normalize(feed(entry), source);
        assertThat(feed.items()).hasSize(1);
        return feed.items().get(0);
    }

    private static ParsedFeed feed(EntryBuilder... entries) {
        return new ParsedFeed("rss_2.0", "Feed", null, BASE, Stream.of(entries).map(EntryBuilder::build).toList());
    }

    private static EntryBuilder entry() {
        return new EntryBuilder();
    }

    /** A ParsedFeed.Entry with everything empty but the base, so each case states only what it is about. */
    private static final class EntryBuilder {
        private String guid;
        private String link;
        private String title = "";
        private String summary;
        private String content;
        private List<String> authors = List.of();
        private List<String> categories = List.of();
        private Instant published;
        private Instant updated;
        private String image;
        private URI base = BASE;

        EntryBuilder guid(String v) { guid = v; return this; }
        EntryBuilder link(String v) { link = v; return this; }
        EntryBuilder title(String v) { title = v; return this; }
        EntryBuilder summary(String v) { summary = v; return this; }
        EntryBuilder content(String v) { content = v; return this; }
        EntryBuilder authors(List<String> v) { authors = v; return this; }
        EntryBuilder categories(List<String> v) { categories = v; return this; }
        EntryBuilder published(String v) { published = Instant.parse(v); return this; }
        EntryBuilder updated(String v) { updated = Instant.parse(v); return this; }
        EntryBuilder image(String v) { image = v; return this; }
        EntryBuilder base(URI v) { base = v; return this; }

        ParsedFeed.Entry build() {
            return new ParsedFeed.Entry(guid, link, title, summary, content, authors, categories, published, updated,
                    image, base);
        }
    }
}
