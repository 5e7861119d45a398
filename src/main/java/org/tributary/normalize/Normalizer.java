package org.tributary.normalize;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.config.Source;
import org.tributary.parse.ParsedFeed;

/**
 * {@link ParsedFeed} + {@link Source} → {@link NormalizedFeed}: identity, absolute http(s) URLs, sanitized HTML,
 * plain-text fields, excerpt, type and topics. Pure: no I/O, no clock; the store decides what "missing date" means.
 */
public final class Normalizer {

    /** Dates before this are placeholders ("1970-01-01", "0001-01-01") or parser accidents, not real publish dates. */
    static final Instant EARLIEST_DATE = Instant.parse("1990-01-01T00:00:00Z");

    private final int excerptChars;
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /** @param excerptChars the longest excerpt, "…" included (site.excerpt_chars) */
    public Normalizer(int excerptChars) {
        if (excerptChars < 2) throw new IllegalArgumentException("excerptChars must be at least 2");
        this.excerptChars = excerptChars;
    }

    public NormalizedFeed normalize(ParsedFeed feed, Source source) {
        Classifier classifier = new Classifier(source);
        // The first occurrence wins: feeds list newest first, and a repeated guid is usually a stale copy below.
        Map<String, Item> items = new LinkedHashMap<>();
        Set<String> unmapped = new LinkedHashSet<>();
        for (ParsedFeed.Entry entry : feed.entries()) {
            Item item = item(entry, entry.baseUri() != null ? entry.baseUri() : feed.baseUri(), source, classifier);
            items.putIfAbsent(item.identity(), item);
            for (String category : item.categories()) {
                if (!classifier.isMapped(category)) unmapped.add(category);
            }
        }
        return new NormalizedFeed(new ArrayList<>(items.values()), unmapped);
    }

    private Item item(ParsedFeed.Entry e, URI base, Source source, Classifier classifier) {
        String guid = blankToNull(XmlChars.clean(e.guid()));
        URI link = Urls.absoluteHttp(XmlChars.clean(e.link()), base);
        if (link != null) link = Urls.withoutTracking(link);
        String title = PlainText.fromHtml(e.title());
        String summary = sanitizer.sanitize(e.summaryHtml(), base);
        String content = sanitizer.sanitize(e.contentHtml(), base);
        String excerpt = Excerpt.cut(excerptSource(summary, content), excerptChars);
        List<String> authors = texts(e.authors());
        List<String> categories = texts(e.categories());
        URI image = Urls.absoluteHttp(XmlChars.clean(e.imageUrl()), base);
        Instant updated = plausible(e.updated());
        // Atom requires only <updated>: an entry without <published> is dated by it, not by when we first saw it.
        Instant published = e.published() != null ? plausible(e.published()) : updated;
        String ownText = XmlChars.clean(e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml());
        String identity = XmlChars.clean(Identity.of(guid, link, title, published, ownText));
        Classifier.Result kind = classifier.classify(title, link, categories);
        String hash = ContentHash.of(title, link, summary, content, authors, categories, image, published, updated,
                kind.type(), kind.topics());
        return new Item(Identity.publicId(source.id(), identity), source.id(), identity, guid, link, title, summary,
                content, excerpt, kind.type(), kind.topics(), categories, authors, image, published, updated, hash);
    }

    private static String excerptSource(String summaryHtml, String contentHtml) {
        String text = PlainText.fromHtml(summaryHtml);
        return text.isEmpty() ? PlainText.fromHtml(contentHtml) : text;
    }

    private static List<String> texts(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            String text = PlainText.fromHtml(s);
            if (!text.isEmpty()) out.add(text);
        }
        return List.copyOf(out);
    }

    private static Instant plausible(Instant date) {
        return date == null || date.isBefore(EARLIEST_DATE) ? null : date;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
