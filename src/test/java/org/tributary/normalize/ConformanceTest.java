package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.tributary.config.Source;
import org.tributary.parse.FeedParseException;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;
import org.tributary.testing.Required;

/**
 * feedparser's 2,106 expectations (feedparser/manifest.json in the feed corpus) against our parse + normalize, by meaning:
 * text fields as plain text, HTML as its text, elements, attributes and absolute URLs, dates as instants, URLs as URLs.
 * Only expectations on fields we have count (title, link, id, dates, author, summary/content, bases, categories, image
 * and credit); feedparser-only fields (bozo, encoding, contributors, generator, ...) are left out and counted apart.
 * {@code Header:} cases get their Content-Type and Content-Location passed to the parser as the fetcher would.
 * Every disagreement that remains is listed with its reason in src/test/resources/conformance/disagreements.tsv; the
 * test fails when agreement drops below the goals or when the list and the truth part.
 */
class ConformanceTest {

    private static final URI REQUEST_BASE = URI.create("http://127.0.0.1:8097/");
    private static final Pattern ENTRY = Pattern.compile("entries\\.(\\d+)\\.(.+)");
    private static final Path DISAGREEMENTS = Paths.get("src/test/resources/conformance/disagreements.tsv");
    private static final Path NOT_APPLICABLE =
            Paths.get("src/test/resources/conformance/acceptable-not-applicable.tsv");

    private final FeedParser parser = new FeedParser();
    private final Normalizer normalizer = new Normalizer(250);
    private final Source source = TestSources.source("conformance");

    record Outcome(ParsedFeed parsed, NormalizedFeed normalized) {}

    @Test
    void agreesWithFeedparserOnTheFieldsWeHave() throws IOException {
        Path corpus = Required.corpus("feedparser/manifest.json").getParent();
        JsonNode manifest = new ObjectMapper().readTree(corpus.resolve("manifest.json").toFile());

        Map<String, int[]> perFolder = new TreeMap<>();
        Map<String, String> disagreements = new TreeMap<>();
        int notOurs = 0;
        for (JsonNode row : manifest) {
            String file = row.get("file").asText();
            if (isCdf(file)) {
                // Microsoft's Channel Definition Format is not a feed format we read (the parser refuses it).
                notOurs += row.get("checks").size();
                continue;
            }
            Outcome outcome = run(corpus.resolve(file), file, row.get("headers"));
            for (JsonNode check : row.get("checks")) {
                Boolean agrees = agrees(check, outcome);
                if (agrees == null) {
                    notOurs++;
                    continue;
                }
                int[] counts = perFolder.computeIfAbsent(folder(file), k -> new int[2]);
                counts[1]++;
                if (agrees) counts[0]++;
                else disagreements.put(file + "\t" + check.get("path").asText(), describe(check, outcome));
            }
        }

        int agree = perFolder.values().stream().mapToInt(c -> c[0]).sum();
        int total = perFolder.values().stream().mapToInt(c -> c[1]).sum();
        System.out.printf("conformance: %d of %d applicable expectations agree (%.1f%%); %d are on fields we do not have%n",
                agree, total, 100.0 * agree / total, notOurs);
        perFolder.forEach((folder, c) -> System.out.printf("  %-28s %4d / %4d  %5.1f%%%n", folder, c[0], c[1],
                100.0 * c[0] / c[1]));
        writeReport(disagreements);

        Map<String, String> listed = listed();
        Set<String> unexplained = new TreeSet<>(disagreements.keySet());
        unexplained.removeAll(listed.keySet());
        Set<String> stale = new TreeSet<>(listed.keySet());
        stale.removeAll(disagreements.keySet());

        assertThat(100.0 * agree / total).as("overall agreement").isGreaterThanOrEqualTo(90.0);
        assertThat(ratio(perFolder.get("wellformed/base"))).as("wellformed/base agreement").isGreaterThanOrEqualTo(95.0);
        assertThat(unexplained).as("disagreements without a reason in %s (see target/conformance/disagreements.tsv)",
                DISAGREEMENTS).isEmpty();
        assertThat(stale).as("listed disagreements that now agree: remove them from %s", DISAGREEMENTS).isEmpty();
    }

    @Test
    void acceptableSanitizeFilesKeepWhatTheyTest() throws IOException {
        Path tests = Required.corpus("feedparser/manifest.json").getParent();
        JsonNode manifest = new ObjectMapper().readTree(tests.resolve("manifest.json").toFile());
        Map<String, String> forbidden = tsv(NOT_APPLICABLE, 2);
        int files = 0;
        int kept = 0;
        Set<String> seenForbidden = new TreeSet<>();
        List<String> lost = new ArrayList<>();
        for (JsonNode row : manifest) {
            String file = row.get("file").asText();
            if (!file.contains("/sanitize/") || !file.substring(file.lastIndexOf('/') + 1).startsWith("acceptable_")) continue;
            if (forbidden.containsKey(file)) {
                seenForbidden.add(file);
                continue;
            }
            files++;
            Outcome outcome = run(tests.resolve(file), file, row.get("headers"));
            boolean all = true;
            for (JsonNode check : row.get("checks")) {
                Boolean agrees = agrees(check, outcome);
                if (agrees != null && !agrees) all = false;
            }
            if (all) kept++;
            else lost.add(file);
        }
        System.out.printf("acceptable_* sanitize files: %d of %d applicable keep what they test (%.1f%%); %d test what"
                + " our sanitizer forbids (%s)%n", kept, files, 100.0 * kept / files, seenForbidden.size(), NOT_APPLICABLE);
        System.out.println("  lost: " + lost);
        assertThat(seenForbidden).as("every file in %s is in the corpus", NOT_APPLICABLE)
                .isEqualTo(forbidden.keySet());
        assertThat(files).isGreaterThan(200);
        // What we still refuse (form controls that would join the host page's form, focus thieves, ping, ...) is in
        // disagreements.tsv with its reason, and HtmlSanitizer says why.
        assertThat(100.0 * kept / files).as("applicable acceptable files keeping their markup; lost: %s", lost)
                .isGreaterThanOrEqualTo(95.0);
    }

    private Outcome run(Path file, String name, JsonNode headers) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String contentType = null;
        URI contentLocation = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getKey().equalsIgnoreCase("Content-Type")) contentType = h.getValue().asText();
            if (h.getKey().equalsIgnoreCase("Content-Location")) contentLocation = URI.create(h.getValue().asText());
        }
        try {
            ParsedFeed parsed = parser.parse(body, contentType, REQUEST_BASE.resolve(name), contentLocation);
            return new Outcome(parsed, normalizer.normalize(parsed, source));
        } catch (FeedParseException e) {
            return new Outcome(null, null);
        }
    }

    /** True/false for an expectation on a field we have; null when the field is not ours. */
    static Boolean agrees(JsonNode check, Outcome o) {
        if (!check.has("path") || !check.get("op").asText().equals("eq")) return null;
        String path = check.get("path").asText();
        JsonNode expected = check.get("value");
        Field field = field(path);
        if (field == null) return null;
        if (o.parsed() == null) return false;
        return field.agrees(expected, o);
    }

    private interface Field {
        boolean agrees(JsonNode expected, Outcome o);
    }

    private static Field field(String path) {
        switch (path) {
            case "feed.title": case "feed.title_detail.value":
                return (e, o) -> text(e).equals(PlainText.fromHtml(o.parsed().title()));
            case "feed.link":
                return (e, o) -> sameUrl(e.asText(), o.parsed().link());
            default:
                break;
        }
        Matcher m = ENTRY.matcher(path);
        if (!m.matches()) return null;
        int n = Integer.parseInt(m.group(1));
        String rest = m.group(2);
        switch (rest) {
            case "title": case "title_detail.value":
                // feedparser gives text-typed titles raw and html-typed ones as HTML; either reading may match.
                return (e, o) -> item(o, n) != null
                        && (text(e).equals(item(o, n).title()) || e.asText().strip().equals(item(o, n).title()));
            case "link": case "links.0.href":
                return (e, o) -> item(o, n) != null && sameUrl(e.asText(), item(o, n).link());
            case "id": case "guid":
                return (e, o) -> item(o, n) != null && e.asText().strip().equals(Objects.toString(item(o, n).guid(), ""));
            case "description": case "summary": case "summary_detail.value":
                return (e, o) -> item(o, n) != null && sameHtml(e.asText(), summaryOrContent(item(o, n)),
                        htmlBase(o, n, !item(o, n).summaryHtml().isEmpty()));
            case "content.0.value":
                return (e, o) -> item(o, n) != null && sameHtml(e.asText(), item(o, n).contentHtml(), htmlBase(o, n, false));
            case "published_parsed": case "issued_parsed": case "created_parsed":
                return (e, o) -> item(o, n) != null && Objects.equals(tuple(e), item(o, n).published());
            case "updated_parsed": case "modified_parsed":
                return (e, o) -> item(o, n) != null && Objects.equals(tuple(e), updated(item(o, n)));
            case "published": case "issued": case "created":
                return (e, o) -> item(o, n) != null
                        && Objects.equals(Dates.parse(e.asText(), ZoneOffset.UTC), item(o, n).published());
            case "updated": case "modified":
                return (e, o) -> item(o, n) != null
                        && Objects.equals(Dates.parse(e.asText(), ZoneOffset.UTC), updated(item(o, n)));
            case "author": case "author_detail.name": case "authors.0.name":
                return (e, o) -> item(o, n) != null && !item(o, n).authors().isEmpty()
                        && authorName(e.asText()).equals(item(o, n).authors().get(0));
            case "tags.0.term": case "category":
                return (e, o) -> item(o, n) != null && item(o, n).categories().contains(text(e));
            case "title_detail.base":
                // Our titles are plain text: links inside them are dropped, so a title has no base to get right.
                return null;
            case "summary_detail.base":
                return (e, o) -> entry(o, n) != null
                        && sameUrl(e.asText(), orElse(entry(o, n).summaryBase(), entry(o, n).baseUri()));
            case "content.0.base":
                return (e, o) -> entry(o, n) != null
                        && sameUrl(e.asText(), orElse(entry(o, n).contentBase(), entry(o, n).baseUri()));
            case "image.href":
                return (e, o) -> item(o, n) != null && sameUrl(e.asText(), item(o, n).imageUrl());
            case "media_credit.0.content":
                return (e, o) -> item(o, n) != null && e.asText().equals(item(o, n).imageCredit());
            default:
                return null;
        }
    }

    private static Item item(Outcome o, int n) {
        List<Item> items = o.normalized().items();
        return n < items.size() ? items.get(n) : null;
    }

    private static ParsedFeed.Entry entry(Outcome o, int n) {
        List<ParsedFeed.Entry> entries = o.parsed().entries();
        return n < entries.size() ? entries.get(n) : null;
    }

    /** An item never updated was last changed when it was published (feedparser maps RSS dc:date to both). */
    private static Instant updated(Item item) {
        return item.updated() != null ? item.updated() : item.published();
    }

    private static String summaryOrContent(Item item) {
        return item.summaryHtml().isEmpty() ? item.contentHtml() : item.summaryHtml();
    }

    private static String text(JsonNode value) {
        return PlainText.fromHtml(value.asText());
    }

    /** "Example author (me@example.com)" → "Example author"; feedparser joins name and e-mail, we keep the name. */
    private static String authorName(String s) {
        Matcher m = Pattern.compile("^(.*?)\\s*\\(([^)]*@[^)]*)\\)$").matcher(s.strip());
        return m.matches() && !m.group(1).isEmpty() ? m.group(1) : s.strip();
    }

    private static Instant tuple(JsonNode t) {
        if (t == null || !t.isArray()) return null;
        return LocalDateTime.of(t.get(0).asInt(), t.get(1).asInt(), t.get(2).asInt(), t.get(3).asInt(),
                t.get(4).asInt(), t.get(5).asInt()).toInstant(ZoneOffset.UTC);
    }

    private static boolean sameUrl(String expected, URI ours) {
        if (ours == null) return expected.isBlank();
        URI e = Urls.lenient(expected);
        return e != null && (e.equals(ours) || e.normalize().toASCIIString().equals(ours.normalize().toASCIIString()));
    }

    /** What the entry's summary (or content) HTML was resolved against, as the normalizer chose it. */
    private static URI htmlBase(Outcome o, int n, boolean summary) {
        ParsedFeed.Entry entry = entry(o, n);
        if (entry == null) return null;
        URI base = orElse(entry.baseUri(), o.parsed().baseUri());
        return orElse(summary ? entry.summaryBase() : entry.contentBase(), base);
    }

    static boolean sameHtml(String expected, String ours) {
        return sameHtml(expected, ours, null);
    }

    /**
     * Same text, same elements with the same attribute names, same link and image targets. The style attribute is left
     * out of the comparison: our sanitizer forbids it outright, where feedparser keeps a filtered subset of CSS. Targets are
     * compared as URLs: where feedparser leaves one relative (an empty {@code href} means "this document"), it is
     * resolved against the base the entry's HTML was resolved against, as a reader of the original would.
     */
    static boolean sameHtml(String expected, String ours, URI base) {
        Element e = Jsoup.parseBodyFragment(expected, base == null ? "" : base.toString()).body();
        Element u = Jsoup.parseBodyFragment(ours).body();
        // A text-typed field: feedparser gives it raw, we give it as escaped HTML; the reader sees the same text.
        if (u.children().isEmpty() && PlainText.collapse(expected).equals(PlainText.fromElement(u))) return true;
        return PlainText.fromElement(e).equals(PlainText.fromElement(u)) && shape(e).equals(shape(u));
    }

    private static Set<String> shape(Element body) {
        Set<String> shape = new TreeSet<>();
        for (Element el : body.getAllElements()) {
            if (el == body) continue;
            shape.add(el.normalName());
            for (Attribute a : el.attributes()) {
                // rel is ours to set; style attributes are never kept, by rule (feedparser filters CSS instead).
                if (a.getKey().equals("rel") || a.getKey().equalsIgnoreCase("style")) continue;
                String key = el.normalName() + "@" + a.getKey().toLowerCase(Locale.ROOT);
                boolean target = a.getKey().equals("href") || a.getKey().equals("src");
                String resolved = target ? el.absUrl(a.getKey()) : "";
                shape.add(target ? key + "=" + (resolved.isEmpty() ? a.getValue() : resolved) : key);
            }
        }
        return shape;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String describe(JsonNode check, Outcome o) {
        String ours = o.parsed() == null ? "rejected by the parser"
                : o.normalized().items().isEmpty() ? "no items" : summarize(o.normalized().items().get(0));
        return "expected " + oneLine(check.get("value").toString()) + " | ours " + oneLine(ours);
    }

    private static String summarize(Item i) {
        return "title=" + i.title() + " link=" + i.link() + " guid=" + i.guid() + " summary=" + i.summaryHtml()
                + " content=" + i.contentHtml() + " published=" + i.published() + " updated=" + i.updated()
                + " authors=" + i.authors() + " categories=" + i.categories();
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static boolean isCdf(String file) {
        return file.contains("/cdf/") || file.substring(file.lastIndexOf('/') + 1).startsWith("cdf_");
    }

    private static double ratio(int[] counts) {
        return counts == null ? 0 : 100.0 * counts[0] / counts[1];
    }

    private static String folder(String file) {
        String[] parts = file.split("/");
        return parts.length > 3 ? parts[1] + "/" + parts[2] : parts[1];
    }

    /** file \t path \t reason; lines starting with # are comments. */
    private static Map<String, String> listed() throws IOException {
        return tsv(DISAGREEMENTS, 3);
    }

    /** Tab-separated lines whose last column is a reason, keyed by the other columns; # starts a comment. */
    private static Map<String, String> tsv(Path path, int columns) throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        if (!Files.isRegularFile(path)) return listed;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cols = line.split("\t", columns);
            assertThat(cols).as("%d columns, the last a reason, in: %s", columns, line).hasSize(columns);
            assertThat(cols[columns - 1].strip()).as("a reason in: %s", line).isNotEmpty();
            listed.put(String.join("\t", Arrays.copyOf(cols, columns - 1)), cols[columns - 1]);
        }
        return listed;
    }

    private static void writeReport(Map<String, String> disagreements) throws IOException {
        Path out = Paths.get("target/conformance/disagreements.tsv");
        Files.createDirectories(out.getParent());
        List<String> lines = new ArrayList<>();
        disagreements.forEach((key, what) -> lines.add(key + "\t" + what));
        Files.write(out, lines, StandardCharsets.UTF_8);
    }
}
