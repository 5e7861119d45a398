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
        IdentityLevels levels = IdentityLevels.of(feed, source.itemOptions().identity());
        Cuts cuts = new Cuts();
        // Of entries that are the same item (same identity, same title and text) the first wins: feeds list newest
        // first, and a repeat is usually a stale copy below. Entries that only share a guid or a link were told
        // apart by IdentityLevels. (The public id stands for the identity: a function of source and identity.)
        Set<String> publicIds = new HashSet<>();
        List<Item> items = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        Set<String> unmapped = new LinkedHashSet<>();
        int dropped = 0;
        for (int n = 0; n < feed.entries().size(); n++) {
            ParsedFeed.Entry entry = feed.entries().get(n);
            IdentityLevels.Level level = levels.level(n);
            URI base = entry.baseUri() != null ? entry.baseUri() : feed.baseUri();
            List<String> categories;
            try {
                String raw = fingerprint.of(entry, base);
                // An entry with a field over its limit is read again, so that the cut is noted on every fetch.
                String same = FieldLimits.mayCut(entry) ? null : known.get(raw);
                if (same != null) {
                    if (publicIds.add(same)) unchanged.add(same);
                    categories = texts(entry.categories());
                } else {
                    Ruled ruled = item(entry, base, source, classifier, raw, level, cuts);
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
        List<String> notes = new ArrayList<>(levels.notes());
        notes.addAll(cuts.notes());
        return new NormalizedFeed(items, unmapped, dropped, unchanged, ruledOut, notes);
    }

    /** The fields of a document's items cut or dropped for their length, as notes for the source's /status. */
    private static final class Cuts {
        private static final int MAX_NOTES = 8;
        private final List<String> notes = new ArrayList<>();
        private int more;

        void add(String title, String what) {
            if (notes.size() >= MAX_NOTES) {
                more++;
                return;
            }
            String shown = title.length() > 60 ? FieldLimits.cut(title, 60) + "…" : title;
            notes.add("field: item \"" + shown + "\": " + what);
        }

        List<String> fitting(String title, String field, List<String> values, int max) {
            List<String> kept = FieldLimits.fitting(values, max);
            if (kept.size() < values.size()) {
                add(title, field + ": " + kept.size() + " of " + values.size() + " kept (" + max + " characters)");
            }
            return kept;
        }

        List<String> notes() {
            if (more == 0) return notes;
            List<String> all = new ArrayList<>(notes);
            all.add("field: " + more + " more field(s) cut or dropped");
            return all;
        }
    }

    /** An item and whether the rules publish it. */
    private record Ruled(Item item, boolean published) {}

    private Ruled item(ParsedFeed.Entry e, URI base, Source source, Classifier classifier, String rawHash,
                       IdentityLevels.Level level, Cuts cuts) {
        ItemOptions options = source.itemOptions();
        String guid = guidOf(e);
        URI link = linkOf(e, base);
        String title = PlainText.fromHtml(e.title());
        if (link == null && FieldLimits.urlTooLong(XmlChars.clean(e.link()))) {
            cuts.add(title, "link of " + e.link().length() + " characters dropped");
        }
        if (title.length() > FieldLimits.TITLE) {
            cuts.add(title, "title cut from " + title.length() + " to " + FieldLimits.TITLE + " characters");
            title = FieldLimits.cut(title, FieldLimits.TITLE);
        }
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
        if (summary.length() > FieldLimits.HTML || content.length() > FieldLimits.HTML) {
            cuts.add(title, "summary or content over " + FieldLimits.HTML + " characters once sanitized dropped");
            if (summary.length() > FieldLimits.HTML) summary = "";
            if (content.length() > FieldLimits.HTML) content = "";
        }
        List<String> authors = cuts.fitting(title, "authors", texts(e.authors()), FieldLimits.AUTHORS);
        List<String> categories = cuts.fitting(title, "categories", texts(e.categories()), FieldLimits.CATEGORIES);
        URI image = Urls.absoluteHttp(XmlChars.clean(e.imageUrl()), base);
        org.jsoup.nodes.Element body = contentTree.isEmpty() ? summaryTree.body() : contentTree.body();
        String alt = e.imageAlt();
        if (image == null) {
            FirstImage.Found first = FirstImage.in(body);
            image = first == null ? null : first.url();
            alt = first == null ? null : first.alt();
        } else if (alt == null || alt.isBlank()) {
            alt = FirstImage.altOf(body, image);
        }
        if (image != null && FieldLimits.urlTooLong(image.toString())) {
            cuts.add(title, "image URL of " + image.toString().length() + " characters dropped");
            image = null;
        }
        alt = image == null ? null : altText(alt);
        String language = LanguageTag.of(e.language());
        String credit = blankToNull(PlainText.fromHtml(e.imageCredit()));
        if (credit != null && credit.length() > FieldLimits.CREDIT) {
            cuts.add(title, "image credit cut to " + FieldLimits.CREDIT + " characters");
            credit = FieldLimits.cut(credit, FieldLimits.CREDIT);
        }
        Instant updated = plausible(date(e.updatedText(), e.updated(), options), options);
        // Atom requires only <updated>: an entry without <published> is dated by it, not by when we first saw it.
        Instant published = plausible(date(e.publishedText(), e.published(), options), options);
        if (published == null) published = updated;
        // The event's start is when the event is, never the item's date: an item without a date of its own is dated
        // when first seen (by the store), not by its event.
        Event event = EventReader.read(e.event(), e.eventStartText(), options.timezone(), base);
        String ownText = XmlChars.clean(e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml());
        // An identity key other items of the document share (for another title or text) is not this item's.
        String identity = XmlChars.clean(Identity.of(options.identity(),
                level == IdentityLevels.Level.GUID ? guid : null,
                level == IdentityLevels.Level.HASH ? null : link, title, published, ownText));
        if (guid != null && guid.length() > FieldLimits.GUID) {
            // identified by the guid's hash (Identity), but too long to keep as the guid itself
            cuts.add(title, "guid of " + guid.length() + " characters not kept (the item is identified by its hash)");
            guid = null;
        }
        String ruledTitle = title;
        Classifier.Result kind = classifier.classify(title, () -> ruleText(ruledTitle, summaryTree, contentTree), link,
                categories);
        String hash = ContentHash.of(title, link, summary, content, authors, categories, image, published, updated,
                kind.type(), kind.topics(), event, credit, alt, language);
        return new Ruled(new Item(Identity.publicId(source.id(), identity), source.id(), identity, guid, link, title,
                summary, content, excerpt, kind.type(), kind.topics(), categories, authors, image, published, updated,
                hash, null, credit, rawHash, event, alt, language), kind.published());
    }

    /** Alt text as plain text, cut at a word boundary to {@link FieldLimits#ALT}; "" (decoration) stays "". */
    private static String altText(String raw) {
        if (raw == null) return null;
        String text = PlainText.fromHtml(raw).strip();
        return Excerpt.cut(text, FieldLimits.ALT);
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

    static String guidOf(ParsedFeed.Entry e) {
        return blankToNull(XmlChars.clean(e.guid()));
    }

    /** The absolute http(s) link without tracking parameters; none when it is too long to be a real one. */
    static URI linkOf(ParsedFeed.Entry e, URI base) {
        URI link = Urls.absoluteHttp(XmlChars.clean(e.link()), base);
        return link == null ? null : FieldLimits.url(Urls.withoutTracking(link));
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
