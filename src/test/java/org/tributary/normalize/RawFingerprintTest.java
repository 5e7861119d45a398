package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tributary.config.ItemOptions;
import org.tributary.config.Rule;
import org.tributary.config.Source;
import org.tributary.parse.ParsedEvent;
import org.tributary.parse.ParsedFeed;

/** Skipping entries that come back unchanged: what the fingerprint covers, and what a skipped entry still does. */
class RawFingerprintTest {

    private static final URI BASE = URI.create("https://partner.example.org/news/");

    private final Source source = TestSources.source("partner");

    private static ParsedFeed.Entry entry(String guid, String title, String summary, List<String> categories) {
        return new ParsedFeed.Entry(guid, "story/1", title, summary, "<p>content</p>", List.of("Ann"), categories,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), "img/a.jpg", BASE,
                URI.create("https://partner.example.org/summary/"), URI.create("https://partner.example.org/content/"),
                "Thu, 01 Jan 2026 00:00:00 GMT", "2026-01-02", "2026-02-01T10:00:00Z", "Photo: Bob",
                new ParsedEvent("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z", false, "Europe/Paris", "Online",
                        "Team", "Webinar", null, "https://partner.example.org/register", "ev"),
                "Readers in the reading room", "fr");
    }

    private static ParsedFeed feed(ParsedFeed.Entry... entries) {
        return new ParsedFeed("rss_2.0", "Feed", null, BASE, List.of(entries));
    }

    /** What the store would answer after saving these items. */
    private static Map<String, String> known(NormalizedFeed stored) {
        Map<String, String> known = new HashMap<>();
        for (Item item : stored.items()) known.put(item.rawHash(), item.publicId());
        return known;
    }

    @Test
    void anEntryWhoseFingerprintIsKnownIsReportedUnchangedInsteadOfNormalizedAgain() {
        Normalizer normalizer = new Normalizer(40);
        ParsedFeed.Entry a = entry("a", "First", "<p>one</p>", List.of());
        ParsedFeed.Entry b = entry("b", "Second", "<p>two</p>", List.of());
        NormalizedFeed first = normalizer.normalize(feed(a), source);

        NormalizedFeed again = normalizer.normalize(feed(a, b), source, known(first));

        assertThat(first.items()).singleElement().satisfies(i -> assertThat(i.rawHash()).matches("[0-9a-f]{64}"));
        assertThat(again.unchanged()).containsExactly(first.items().get(0).publicId());
        assertThat(again.items()).extracting(Item::title).containsExactly("Second");
    }

    @Test
    void aSkippedEntryKeepsItsIdAndCategoriesWhenAnotherItemComesToShareItsGuid() {
        Normalizer normalizer = new Normalizer(40);
        ParsedFeed.Entry a = entry("a", "First", "<p>one</p>", List.of("Unruled"));
        ParsedFeed.Entry staleCopy = entry("a", "First, older copy", "<p>older</p>", List.of());
        NormalizedFeed first = normalizer.normalize(feed(a), source);

        NormalizedFeed again = normalizer.normalize(feed(a, staleCopy), source, known(first));

        // The known entry keeps the public id it was published under; the other item carrying its guid (another
        // title and text) is not lost: it falls back to its content hash, a public id of its own.
        assertThat(again.unchanged()).containsExactly(first.items().get(0).publicId());
        assertThat(again.items()).extracting(Item::title).containsExactly("First, older copy");
        assertThat(again.items().get(0).publicId()).isNotEqualTo(first.items().get(0).publicId());
        assertThat(again.unmappedCategories()).containsExactly("Unruled");
    }

    @Test
    void everyFieldOfTheRawEntryIsInTheFingerprint() throws Exception {
        RawFingerprint fingerprint = new RawFingerprint(source, 40);
        ParsedFeed.Entry base = entry("a", "Title", "<p>text</p>", List.of("Cat"));
        RecordComponent[] components = ParsedFeed.Entry.class.getRecordComponents();
        Constructor<ParsedFeed.Entry> canonical = ParsedFeed.Entry.class.getDeclaredConstructor(
                java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        Set<String> seen = new HashSet<>();
        seen.add(fingerprint.of(base, base.baseUri()));
        // A component added to Entry later fails here until the fingerprint covers it (and RULES_VERSION moves).
        for (int n = 0; n < components.length; n++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) args[i] = components[i].getAccessor().invoke(base);
            args[n] = changed(args[n]);
            ParsedFeed.Entry variant = canonical.newInstance(args);
            // As the normalizer does: the entry's own base, else the feed's.
            assertThat(seen.add(fingerprint.of(variant, variant.baseUri())))
                    .as("changing %s changes the fingerprint", components[n].getName()).isTrue();
        }
        assertThat(seen.add(fingerprint.of(base, URI.create("https://elsewhere.example/")))).as("base").isTrue();
    }

    private static Object changed(Object value) {
        if (value instanceof String s) return s + "x";
        if (value instanceof URI u) return u.resolve("other/");
        if (value instanceof Instant t) return t.plusSeconds(1);
        if (value instanceof ParsedEvent e) {
            return new ParsedEvent(e.start(), e.end(), e.allDay(), e.zone(), e.location() + "x", e.organizer(),
                    e.type(), e.status(), e.registration(), e.from());
        }
        if (value instanceof List<?> l) {
            List<Object> more = new ArrayList<>(l);
            more.add("x");
            return more;
        }
        throw new IllegalArgumentException("no variant for " + value);
    }

    @Test
    void everyFieldOfTheEntrysEventIsInTheFingerprint() throws Exception {
        RawFingerprint fingerprint = new RawFingerprint(source, 40);
        ParsedFeed.Entry base = entry("a", "Title", "<p>text</p>", List.of("Cat"));
        RecordComponent[] components = ParsedEvent.class.getRecordComponents();
        Constructor<ParsedEvent> canonical = ParsedEvent.class.getDeclaredConstructor(
                java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        Set<String> seen = new HashSet<>();
        seen.add(fingerprint.of(base, base.baseUri()));
        for (int n = 0; n < components.length; n++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) args[i] = components[i].getAccessor().invoke(base.event());
            args[n] = args[n] instanceof Boolean b ? !b : args[n] == null ? "cancelled" : args[n] + "x";
            ParsedEvent event = canonical.newInstance(args);
            ParsedFeed.Entry variant = new ParsedFeed.Entry(base.guid(), base.link(), base.title(), base.summaryHtml(),
                    base.contentHtml(), base.authors(), base.categories(), base.published(), base.updated(),
                    base.imageUrl(), base.baseUri(), base.summaryBase(), base.contentBase(), base.publishedText(),
                    base.updatedText(), base.eventStartText(), base.imageCredit(), event, base.imageAlt(),
                    base.language());
            assertThat(seen.add(fingerprint.of(variant, variant.baseUri())))
                    .as("changing the event's %s changes the fingerprint", components[n].getName()).isTrue();
        }
    }

    @Test
    void theSourcesRulesAndTheExcerptLengthAreInTheFingerprint() {
        ParsedFeed.Entry e = entry("a", "Title", "<p>text</p>", List.of("Cat"));
        ItemOptions d = ItemOptions.DEFAULTS;
        List<Source> variants = List.of(
                source,
                TestSources.source("other"),
                retyped(source, "Webinar"),
                TestSources.source("partner", new Rule("Cat", null, null, "Webinar", List.of())),
                TestSources.source("partner", new Rule(null, Pattern.compile("Title"), null, "Webinar", List.of())),
                TestSources.source("partner", new Rule(null, Pattern.compile("Title", Pattern.CASE_INSENSITIVE), null,
                        "Webinar", List.of())),
                TestSources.source("partner", new Rule("Cat", null, null, "Webinar", List.of("programming"))),
                withOptions(source, new ItemOptions(ItemOptions.IdentityRule.LINK, d.timezone(), false, false, 500,
                        null)),
                withOptions(source, new ItemOptions(d.identity(), ZoneId.of("America/Chicago"), false, false, 500,
                        null)),
                withOptions(source, new ItemOptions(d.identity(), d.timezone(), true, false, 500, null)));
        Set<String> fingerprints = new HashSet<>();
        for (Source s : variants) fingerprints.add(new RawFingerprint(s, 40).of(e, BASE));
        fingerprints.add(new RawFingerprint(source, 41).of(e, BASE));

        assertThat(fingerprints).hasSize(variants.size() + 1);
        // Options that do not change the item (retention, hiding past events) keep the fingerprint.
        assertThat(new RawFingerprint(withOptions(source, new ItemOptions(d.identity(), d.timezone(), false, true, 20,
                java.time.Duration.ofDays(9))), 40).of(e, BASE)).isEqualTo(new RawFingerprint(source, 40).of(e, BASE));
    }

    private static Source retyped(Source s, String type) {
        return new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), type, s.topics(), s.every(), s.owner(),
                s.rules(), s.fetchOptions(), s.itemOptions());
    }

    private static Source withOptions(Source s, ItemOptions options) {
        return new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), s.type(), s.topics(), s.every(), s.owner(),
                s.rules(), s.fetchOptions(), options);
    }
}
