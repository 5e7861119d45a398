package org.tributary.publish;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Atom 1.0 built as Rome's own Atom model rather than through SyndFeed, so that nothing the format can say
 * (atom:source, rel=self and rel=hub, related links, category schemes) is lost in a conversion.
 */
final class AtomWriter {

    AtomWriter() {
    }

    String write(FeedView view) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(view.feedUrl(FeedFormat.ATOM));
        feed.setTitle(Texts.line(view.title()));
        String description = Texts.clean(view.description()).strip();
        if (!description.isEmpty()) feed.setSubtitle(text(description));
        feed.setUpdated(Date.from(view.updated()));
        feed.setAlternateLinks(List.of(link("alternate", view.homeUrl(), "text/html")));
        feed.setOtherLinks(Rome.feedLinks(view, FeedFormat.ATOM));
        // Entries without authors inherit these (RFC 4287 4.2.1), so every entry has one and the feed validates.
        feed.setAuthors(persons(List.of(Texts.line(view.site().title()))));
        feed.setGenerator(generator());
        String icon = SiteIcon.feedUrl(view.site());
        if (icon != null) {
            feed.setIcon(icon);
            feed.setLogo(icon);
        }

        List<PublishedItem> items = view.items().stream().map(i -> PublishedItem.of(i, view.sources(), view.site()).credited(view.site().sourceCredit())).toList();
        Map<String, Instant> sourceUpdated = sourcesUpdated(items);
        List<Entry> entries = new ArrayList<>();
        for (PublishedItem item : items) entries.add(entry(item, sourceUpdated.get(item.source().id()), view.site().timezone()));
        feed.setEntries(entries);
        String language = Texts.line(view.site().language());
        return Rome.write(feed, language, doc -> languages(doc, items, language));
    }

    /**
     * xml:lang on each entry whose feed declares another language than this feed's (xml:lang is inherited, so an
     * entry in the site's language says nothing). Rome's Atom model has no xml:lang below the feed: it is set on the
     * tree, whose entries are in the order of {@code items}.
     */
    private static void languages(org.jdom2.Document doc, List<PublishedItem> items, String feedLanguage) {
        org.jdom2.Element root = doc.getRootElement();
        List<org.jdom2.Element> written = root.getChildren("entry", root.getNamespace());
        for (int n = 0; n < written.size() && n < items.size(); n++) {
            String lang = items.get(n).langWithin(feedLanguage);
            if (lang != null) written.get(n).setAttribute("lang", lang, org.jdom2.Namespace.XML_NAMESPACE);
        }
    }

    /**
     * atom:source's updated, per source (RFC 4287 4.2.11: a source keeps its feed's id, title and updated): the
     * newest change among that source's items in this document. Not when we last fetched it, nor its newest item
     * anywhere: either would change the document's bytes, so its ETag, when none of its entries changed.
     */
    private static Map<String, Instant> sourcesUpdated(List<PublishedItem> items) {
        Map<String, Instant> updated = new HashMap<>();
        for (PublishedItem item : items) {
            updated.merge(item.source().id(), item.updated(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return updated;
    }

    private static Entry entry(PublishedItem item, Instant sourceUpdated, java.time.ZoneId zone) {
        Entry entry = new Entry();
        entry.setId(item.id());
        entry.setTitle(item.title());
        if (item.link() != null) entry.setAlternateLinks(List.of(link("alternate", item.link(), "text/html")));
        entry.setPublished(Date.from(item.published()));
        entry.setUpdated(Date.from(item.updated()));
        if (!item.authors().isEmpty()) entry.setAuthors(persons(item.authors()));
        entry.setCategories(categories(item));

        String summary = item.summaryOrContentHtml();
        if (!summary.isEmpty()) entry.setSummary(html(summary));
        else if (!item.excerpt().isEmpty()) entry.setSummary(text(item.excerpt()));
        // RFC 4287 4.1.1.1: an entry with no alternate link must carry content.
        if (!item.contentHtml().isEmpty()) entry.setContents(List.of(html(item.contentHtml())));
        else if (item.link() == null) entry.setContents(List.of(summary.isEmpty() ? text(item.excerpt()) : html(summary)));

        List<Link> others = new ArrayList<>();
        // The image is a thumbnail, not an enclosure: an enclosure is a file the item carries (a podcast's audio),
        // with its real type and length, which we do not know for an image we never fetched.
        if (item.image() != null) entry.setModules(List.of(Rome.thumbnail(item.image(), item.imageCredit())));
        entry.setForeignMarkup(EventElements.of(item.event(), zone));
        others.addAll(Rome.alsoFrom(item));
        if (!others.isEmpty()) entry.setOtherLinks(others);
        entry.setSource(source(item.source(), sourceUpdated));
        return entry;
    }

    private static List<Category> categories(PublishedItem item) {
        List<Category> out = new ArrayList<>();
        if (!item.type().isEmpty()) out.add(category(item.type(), Rome.TYPE_SCHEME));
        for (String c : item.categories()) out.add(category(c, null));
        return out;
    }

    private static Category category(String term, String scheme) {
        Category c = new Category();
        c.setTerm(term);
        if (scheme != null) c.setScheme(scheme);
        return c;
    }

    /**
     * atom:source credits the partner and lets a reader subscribe to it directly. Its author is the partner,
     * so an entry without authors is attributed to the partner rather than to us (RFC 4287 4.2.1).
     */
    private static Feed source(PublishedItem.PublishedSource source, Instant updated) {
        Feed feed = new Feed();
        feed.setId(Texts.sourceId(source.id()));
        feed.setTitle(source.title());
        feed.setUpdated(Date.from(updated));
        feed.setAuthors(persons(List.of(source.title())));
        if (source.home() != null) feed.setAlternateLinks(List.of(link("alternate", source.home(), "text/html")));
        if (source.feedUrl() != null) feed.setOtherLinks(List.of(link("self", source.feedUrl(), null)));
        return feed;
    }

    private static Link link(String rel, String href, String type) {
        return Rome.link(rel, href, type);
    }

    private static List<SyndPerson> persons(List<String> names) {
        List<SyndPerson> out = new ArrayList<>();
        for (String name : names) {
            Person p = new Person();
            p.setName(name);
            out.add(p);
        }
        return out;
    }

    private static Content html(String value) {
        Content c = new Content();
        c.setType(Content.HTML);
        c.setValue(value);
        return c;
    }

    private static Content text(String value) {
        Content c = new Content();
        c.setType(Content.TEXT);
        c.setValue(value);
        return c;
    }

    private static Generator generator() {
        Generator g = new Generator();
        g.setValue("Tributary");
        return g;
    }
}
