package org.tributary.publish;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.tributary.config.Site;
import java.util.Map;
import java.util.Set;
import org.tributary.config.Source;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;

/**
 * A stored item reduced to what the writers print, cleaned once: every string is free of characters XML 1.0
 * forbids and every URL is absolute http(s) or null. Writers take fields from here and from nowhere else.
 *
 * @param link        null when the item has none (or it failed the http guard)
 * @param summaryHtml sanitized HTML, "" when none
 * @param contentHtml sanitized HTML, "" when none
 * @param type        the item's type ("News"), published as a category of its own
 * @param categories  the item's own categories, without duplicates and without one that merely repeats the type
 * @param image       null when none, or when a validator would refuse it in an attribute ({@link Texts#attributeUrl})
 * @param imageCredit who made the image (media:credit), one line; null when none or when there is no image
 * @param imageAlt    what the image shows, one line: "" when the feed says nothing (an img always gets an alt, and
 *                    an empty one tells a screen reader to skip it); null when there is no image
 * @param updated     when the item last changed (see {@link #updated}); never before {@code published}
 * @param alsoFrom    the other sources that carried the same story, in the order they did
 * @param otherCopies the same, each with the link a reader should follow to that source's copy (see {@link OtherCopy})
 * @param event       the event the item announces, or null
 * @param language    the BCP 47 tag of the language the item's feed declares, or null when it declares none
 */
record PublishedItem(
        String id,
        String publicId,
        String title,
        String link,
        String summaryHtml,
        String contentHtml,
        String excerpt,
        String type,
        List<String> categories,
        List<String> authors,
        String image,
        String imageCredit,
        String imageAlt,
        Instant published,
        Instant updated,
        PublishedSource source,
        List<PublishedSource> alsoFrom,
        List<OtherCopy> otherCopies,
        org.tributary.normalize.Event event,
        String language) {

    /** Items longer than this many characters of excerpt are not titled by it. */
    private static final int TITLE_FROM_EXCERPT = 80;

    /**
     * When the item last changed: when we updated it in place, else the source's own updated date (unless it is
     * later than when we first saw the item: a date in the future), else its date. Never our first-seen time as
     * such: every item of a source's first fetch would share it, and a 2019 item would look changed today (the W3C
     * validator's DuplicateUpdated warning). Never before the item's date.
     */
    static Instant updated(StoredItem stored) {
        Instant updated = stored.date();
        Instant own = stored.item().updated();
        if (own != null && own.isAfter(updated) && !own.isAfter(stored.firstSeen())) updated = own;
        if (stored.changedAt().isAfter(stored.firstSeen()) && stored.changedAt().isAfter(updated)) {
            updated = stored.changedAt();
        }
        return updated;
    }

    static PublishedItem of(StoredItem stored, Map<String, Source> sources, Site site) {
        Item item = stored.item();
        String excerpt = Texts.clean(item.excerpt()).strip();
        Instant updated = updated(stored);
        String type = Texts.line(item.type());
        String image = Texts.attributeUrl(item.imageUrl() == null ? null : item.imageUrl().toString());
        String imageLink = ImageLinks.link(site, image);
        return new PublishedItem(
                Texts.entryId(item.publicId()),
                item.publicId(),
                title(item.title(), excerpt),
                Texts.http(item.link()),
                Texts.clean(item.summaryHtml()).strip(),
                Texts.clean(item.contentHtml()).strip(),
                excerpt,
                type,
                lines(item.categories()).stream().filter(c -> !c.equalsIgnoreCase(type)).toList(),
                lines(item.authors()),
                imageLink,
                image == null ? null : credit(item.imageCredit()),
                image == null ? null : Texts.line(item.imageAlt()),
                stored.date(),
                updated,
                PublishedSource.of(item.sourceId(), sources.get(item.sourceId())),
                stored.alsoFrom().stream().map(id -> PublishedSource.of(id, sources.get(id))).toList(),
                stored.otherCopies().stream().map(o -> OtherCopy.of(o, sources.get(o.sourceId()))).toList(),
                item.event(),
                item.language());
    }

    /**
     * The item's language for a {@code lang} attribute inside a page whose words are in {@code pageLang}: null
     * when the feed declares none or the page's own (the attribute would only repeat what the page says).
     */
    String langWithin(String pageLang) {
        return language == null || language.equalsIgnoreCase(pageLang) ? null : language;
    }

    /**
     * This item as a feed publishes it under site.source_credit: the partner named where readers that ignore
     * atom:source, RSS source and _tributary.source still show it. The HTML pages credit the partner themselves.
     */
    PublishedItem credited(Site.SourceCredit credit) {
        String partner = source.title();
        return switch (credit) {
            case NONE -> this;
            case TITLE -> withText(partner + ": " + title, summaryHtml, contentHtml, authors);
            case AUTHOR -> {
                // One name, "Jane Doe, Sam Roe (Partner)": readers such as sfeed show only the first author.
                String names = String.join(", ", authors);
                boolean named = authors.stream().anyMatch(partner::equalsIgnoreCase);
                yield withText(title, summaryHtml, contentHtml, List.of(authors.isEmpty() || named
                        ? (authors.isEmpty() ? partner : names) : names + " (" + partner + ")"));
            }
            case CONTENT -> {
                String line = creditHtml();
                String body = !contentHtml.isEmpty() ? contentHtml : !summaryHtml.isEmpty() ? summaryHtml
                        : excerpt.isEmpty() ? "" : new org.jsoup.nodes.Element("p").text(excerpt).outerHtml();
                yield withText(title, summaryHtml.isEmpty() ? "" : summaryHtml + "\n" + line, body.isEmpty() ? line
                        : body + "\n" + line, authors);
            }
        };
    }

    /** "From PARTNER; also from A, B" as one paragraph, names linked to their home pages; escaped by jsoup. */
    private String creditHtml() {
        org.jsoup.nodes.Element p = new org.jsoup.nodes.Element("p").addClass("tributary-credit");
        p.appendText("From ");
        name(p, source);
        for (int n = 0; n < alsoFrom.size(); n++) {
            p.appendText(n == 0 ? "; also from " : ", ");
            name(p, alsoFrom.get(n));
        }
        return p.outerHtml();
    }

    private static void name(org.jsoup.nodes.Element line, PublishedSource s) {
        if (s.home() != null) line.appendElement("a").attr("href", s.home()).text(s.title());
        else line.appendText(s.title());
    }

    private PublishedItem withText(String newTitle, String summary, String content, List<String> names) {
        return new PublishedItem(id, publicId, newTitle, link, summary, content, excerpt, type, categories, names,
                image, imageCredit, imageAlt, published, updated, source, alsoFrom, otherCopies, event, language);
    }

    /**
     * Another source's copy of this story, as the feeds publish it ("also from ..."): its title, and the link of its
     * own item, else its home page; null when it has neither (then only the name is published).
     */
    record OtherCopy(PublishedSource source, String link) {

        static OtherCopy of(StoredItem.OtherCopy copy, Source source) {
            PublishedSource published = PublishedSource.of(copy.sourceId(), source);
            String link = Texts.http(copy.link());
            return new OtherCopy(published, link != null ? link : published.home());
        }

        /** "Also from Westfield Library System": the title of a related link. */
        String label() {
            return "Also from " + source.title();
        }
    }

    private static String credit(String raw) {
        String line = Texts.line(raw);
        return line.isEmpty() ? null : line;
    }

    /** Atom requires a title and an empty link text is unclickable: fall back to the excerpt's start. */
    private static String title(String raw, String excerpt) {
        String title = Texts.line(raw);
        if (!title.isEmpty()) return title;
        String text = excerpt.replaceAll("\\s+", " ");
        if (text.isEmpty()) return "Untitled";
        if (text.length() <= TITLE_FROM_EXCERPT) return text;
        int cut = text.lastIndexOf(' ', TITLE_FROM_EXCERPT);
        return text.substring(0, cut > 0 ? cut : TITLE_FROM_EXCERPT) + "…";
    }

    private static List<String> lines(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            String line = Texts.line(s);
            if (!line.isEmpty()) out.add(line);
        }
        return List.copyOf(out);
    }

    /** The type and the categories as one list of tags, type first, for formats with a single tag list. */
    List<String> tags() {
        Set<String> out = new LinkedHashSet<>();
        if (!type.isEmpty()) out.add(type);
        out.addAll(categories);
        return List.copyOf(out);
    }

    /** What a summary slot shows: the sanitized summary, or the content, or nothing (then use the excerpt). */
    String summaryOrContentHtml() {
        return summaryHtml.isEmpty() ? contentHtml : summaryHtml;
    }

    /**
     * Where an item came from.
     *
     * @param feedUrl null when the source is no longer configured
     * @param home    the partner's page, null when unknown
     */
    record PublishedSource(String id, String title, String feedUrl, String home) {

        static PublishedSource of(String sourceId, Source source) {
            if (source == null) return new PublishedSource(sourceId, Texts.line(sourceId), null, null);
            String title = Texts.line(source.title());
            return new PublishedSource(source.id(), title.isEmpty() ? source.id() : title,
                    Texts.http(source.url()), Texts.http(source.home()));
        }
    }
}
