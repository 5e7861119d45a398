package org.tributary.normalize;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tributary.config.ItemOptions;
import org.tributary.config.Source;
import org.tributary.parse.ParsedFeed;

/**
 * {@link ParsedFeed} + {@link Source} → {@link NormalizedFeed}: identity, absolute http(s) URLs, sanitized HTML,
 * plain-text fields, excerpt, type and topics. Pure: no I/O, no clock; the store decides what "missing date" means.
 */
public final class Normalizer {

    /** Dates before this are placeholders ("1970-01-01", "0001-01-01") or parser accidents, not real publish dates. */
    static final Instant EARLIEST_DATE = Instant.parse("1990-01-01T00:00:00Z");
    /** The most HTML we keep per field: a whole book pasted into a feed is cut (and its markup closed again). */
    static final int MAX_HTML_CHARS = 200_000;

    private final int excerptChars;
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /** @param excerptChars the longest excerpt, "…" included (site.excerpt_chars) */
    public Normalizer(int excerptChars) {
        if (excerptChars < 2) throw new IllegalArgumentException("excerptChars must be at least 2");
        this.excerptChars = excerptChars;
    }

    /**
     * The fingerprint of a whole document as served, under this source's rules: a 200 with the same fingerprint as
     * the last one stored would parse and normalize to exactly what is stored (see {@link RawFingerprint}).
     */
    public String documentFingerprint(Source source, byte[] body, String contentType, URI url, URI contentLocation) {
        return new RawFingerprint(source, excerptChars).ofDocument(body, contentType, url, contentLocation);
    }

    /**
     * Whether a document stored with {@code documentFingerprint} was read under this source's present rules, type,
     * topics and item options. When not, the refresher asks for the whole document again (no validators): a 304
     * would otherwise leave entries still in the feed as the old rules made them.
     */
    public boolean storedUnderSameRules(Source source, String documentFingerprint) {
        return documentFingerprint != null
                && documentFingerprint.startsWith(new RawFingerprint(source, excerptChars).rulesTag());
    }

    /** Normalizes every entry (nothing is known of the source yet, or nothing may be skipped). */
    public NormalizedFeed normalize(ParsedFeed feed, Source source) {
        return normalize(feed, source, Map.of());
    }

    /**
     * @param known the public ids of the source's stored items by the raw fingerprint they were normalized from: an
     *              entry whose fingerprint is there is not normalized again but reported in
     *              {@link NormalizedFeed#unchanged()}
     */
    public NormalizedFeed normalize(ParsedFeed feed, Source source, Map<String, String> known) {
        Classifier classifier = new Classifier(source);
        RawFingerprint fingerprint = new RawFingerprint(source, excerptChars);
        // The first occurrence wins: feeds list newest first, and a repeated guid is usually a stale copy below.
        // (The public id stands for the identity: it is a function of the source and the identity.)
        Set<String> publicIds = new HashSet<>();
        List<Item> items = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        Set<String> unmapped = new LinkedHashSet<>();
        int dropped = 0;
        for (ParsedFeed.Entry entry : feed.entries()) {
            URI base = entry.baseUri() != null ? entry.baseUri() : feed.baseUri();
            List<String> categories;
            try {
                String raw = fingerprint.of(entry, base);
                String same = known.get(raw);
                if (same != null) {
                    if (publicIds.add(same)) unchanged.add(same);
                    categories = texts(entry.categories());
                } else {
                    Ruled ruled = item(entry, base, source, classifier, raw);
                    Item item = ruled.item();
                    if (publicIds.add(item.publicId())) {
                        if (ruled.published()) items.add(item);
                        else ruledOut.add(item.publicId());
                    }
                    categories = item.categories();
                }
            } catch (RuntimeException | StackOverflowError hostile) {
                // One entry our rules cannot read (a pathological HTML body, say) is dropped and counted; the
                // rest of the feed goes on.
                dropped++;
                continue;
            }
            for (String category : categories) {
                if (!classifier.isMapped(category)) unmapped.add(category);
            }
        }
        return new NormalizedFeed(items, unmapped, dropped, unchanged, ruledOut);
    }

    /** An item and whether the rules publish it. */
    private record Ruled(Item item, boolean published) {}

    private Ruled item(ParsedFeed.Entry e, URI base, Source source, Classifier classifier, String rawHash) {
        ItemOptions options = source.itemOptions();
        String guid = blankToNull(XmlChars.clean(e.guid()));
        URI link = Urls.absoluteHttp(XmlChars.clean(e.link()), base);
        if (link != null) link = Urls.withoutTracking(link);
        String title = PlainText.fromHtml(e.title());
        URI summaryBase = orElse(e.summaryBase(), base);
        URI contentBase = orElse(e.contentBase(), base);
        HtmlSanitizer.Sanitized summaryTree = sanitizer.sanitizeTree(capped(e.summaryHtml()), summaryBase);
        // Many feeds repeat the body as summary and content: sanitizing is pure, so once is enough.
        HtmlSanitizer.Sanitized contentTree = Objects.equals(e.contentHtml(), e.summaryHtml())
                && Objects.equals(contentBase, summaryBase)
                ? summaryTree
                : sanitizer.sanitizeTree(capped(e.contentHtml()), contentBase);
        String summary = summaryTree.html();
        String content = contentTree.html();
        String excerpt = Excerpt.cut(excerptSource(summaryTree, contentTree), excerptChars);
        List<String> authors = texts(e.authors());
        List<String> categories = texts(e.categories());
        URI image = Urls.absoluteHttp(XmlChars.clean(e.imageUrl()), base);
        if (image == null) image = FirstImage.in(contentTree.isEmpty() ? summaryTree.body() : contentTree.body());
        String credit = blankToNull(PlainText.fromHtml(e.imageCredit()));
        Instant updated = plausible(date(e.updatedText(), e.updated(), options), options);
        // Atom requires only <updated>: an entry without <published> is dated by it, not by when we first saw it.
        Instant published = plausible(date(e.publishedText(), e.published(), options), options);
        if (published == null) published = updated;
        Instant eventStart = Dates.parse(XmlChars.clean(e.eventStartText()), options.timezone());
        String ownText = XmlChars.clean(e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml());
        String identity = XmlChars.clean(Identity.of(options.identity(), guid, link, title, published, ownText));
        Classifier.Result kind = classifier.classify(title, () -> ruleText(title, summaryTree, contentTree), link,
                categories);
        String hash = ContentHash.of(title, link, summary, content, authors, categories, image, published, updated,
                kind.type(), kind.topics(), eventStart, credit);
        return new Ruled(new Item(Identity.publicId(source.id(), identity), source.id(), identity, guid, link, title,
                summary, content, excerpt, kind.type(), kind.topics(), categories, authors, image, published, updated,
                hash, eventStart, credit, rawHash), kind.published());
    }

    /** What a {@code when.text} rule searches: the title, then the summary's text and the content's (when it is
     *  another text), up to {@link RuleText#MAX_CHARS}. */
    private static String ruleText(String title, HtmlSanitizer.Sanitized summary, HtmlSanitizer.Sanitized content) {
        StringBuilder b = new StringBuilder(title);
        for (HtmlSanitizer.Sanitized tree : content == summary ? List.of(summary) : List.of(summary, content)) {
            int left = RuleText.MAX_CHARS - b.length();
            if (left <= 0 || tree.isEmpty()) continue;
            b.append('\n').append(PlainText.fromSanitized(tree.body(), left));
        }
        return b.toString();
    }

    /** Our reading of the raw string first (real-world variants, the source's zone); else what Rome made of it. */
    private static Instant date(String raw, Instant rome, ItemOptions options) {
        Instant ours = Dates.parse(XmlChars.clean(raw), options.timezone());
        return ours != null ? ours : rome;
    }

    /** The summary's text, else the content's, read from the trees the sanitizer cleaned (no parse of its output). */
    private String excerptSource(HtmlSanitizer.Sanitized summary, HtmlSanitizer.Sanitized content) {
        int enough = Excerpt.charsNeeded(excerptChars);
        String text = PlainText.fromSanitized(summary.body(), enough);
        return text.isEmpty() ? PlainText.fromSanitized(content.body(), enough) : text;
    }

    private static List<String> texts(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            String text = PlainText.fromHtml(s);
            if (!text.isEmpty()) out.add(text);
        }
        return List.copyOf(out);
    }

    private static Instant plausible(Instant date, ItemOptions options) {
        if (date == null) return null;
        return date.isBefore(EARLIEST_DATE) && !options.allowOldDates() ? null : date;
    }

    /** Cut before sanitizing, so the parser closes whatever the cut left open. */
    private static String capped(String html) {
        return html == null || html.length() <= MAX_HTML_CHARS ? html : html.substring(0, MAX_HTML_CHARS);
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
