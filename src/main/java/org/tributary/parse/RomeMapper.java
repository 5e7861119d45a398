package org.tributary.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCSubject;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies one Rome {@link SyndFeed} into our records. Where Rome's synthetic view loses what the document said (it
 * invents an RSS entry's uri from its link, and forgets Atom's xml:base), the preserved wire entry is read instead.
 */
final class RomeMapper {

    /** RSS authors are often "mail@example.org (Name)"; the name is what a reader wants. */
    private static final Pattern MAIL_WITH_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)\\s*$");
    /** ...or "Name (mail@example.org)". */
    private static final Pattern NAME_WITH_MAIL = Pattern.compile("^(.+?)\\s*\\(\\s*\\S+@\\S+\\s*\\)\\s*$");

    /** A start, end or empty tag, or a comment: what makes a "<" markup rather than text. */
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9:-]*(?:\\s+[^<>]*)?/?>|<!--.*?-->");

    private final URI documentBase;

    RomeMapper(URI documentBase) {
        this.documentBase = documentBase;
    }

    ParsedFeed map(SyndFeed feed) {
        return map(feed, null, List.of());
    }

    /**
     * @param rootBase the root element's xml:base resolved, or null
     * @param facts    per entry what the XML tree says beyond Rome (used only when it lines up with Rome's entries)
     */
    ParsedFeed map(SyndFeed feed, URI rootBase, List<DocumentFacts.Facts> facts) {
        String format = feed.getFeedType() == null ? "unknown" : feed.getFeedType();
        boolean atom = format.startsWith("atom");
        boolean rdf = format.equals("rss_1.0") || format.equals("rss_0.9");
        URI feedBase = documentBase;
        WireFeed wire = feed.originalWireFeed();
        if (rootBase != null) {
            feedBase = rootBase;
        } else if (wire instanceof com.rometools.rome.feed.atom.Feed atomFeed && atomFeed.getXmlBase() != null) {
            feedBase = orElse(resolve(documentBase, atomFeed.getXmlBase()), documentBase);
        }
        List<SyndEntry> syndEntries = feed.getEntries();
        boolean aligned = facts.size() == syndEntries.size();
        List<ParsedFeed.Entry> entries = new ArrayList<>(syndEntries.size());
        for (int i = 0; i < syndEntries.size(); i++) {
            entries.add(entry(syndEntries.get(i), atom, rdf, feedBase, aligned ? facts.get(i) : null,
                    feed.getLanguage()));
        }
        URI link = feed.getLink() == null ? null : resolve(feedBase, feed.getLink());
        String title = feed.getTitle();
        if ((title == null || title.isBlank()) && feed.getModule(DCModule.URI) instanceof DCModule dc) title = dc.getTitle();
        return new ParsedFeed(format, title, link, feedBase, entries, PollHintReader.read(feed));
    }

    /** @param feedLanguage Rome's reading of the feed's language, for entries the XML tree could not be lined up with */
    private ParsedFeed.Entry entry(SyndEntry e, boolean atom, boolean rdf, URI feedBase, DocumentFacts.Facts facts,
                                   String feedLanguage) {
        Object wire = e.getWireEntry();
        URI base = feedBase;
        String guid;
        String link = e.getLink();
        String title = e.getTitle();
        String summary = e.getDescription() == null ? null : e.getDescription().getValue();
        String content = content(e.getContents());
        if (wire instanceof com.rometools.rome.feed.atom.Entry atomEntry) {
            // Rome's synthetic view loses Atom's text/html distinction, so the texts come from the wire entry.
            title = orElse(html(atomEntry.getTitleEx()), title);
            summary = orElse(html(atomEntry.getSummary()), summary);
            content = orElse(atomContent(atomEntry.getContents()), content);
            guid = atomEntry.getId();
            if (facts == null && atomEntry.getXmlBase() != null) {
                base = orElse(resolve(feedBase, atomEntry.getXmlBase()), feedBase);
            }
            // Rome resolves relative hrefs against the feed's alternate link, not the document URL; take the raw
            // href and let normalize resolve it against the base computed here.
            String raw = alternateHref(atomEntry);
            if (raw != null) link = raw;
        } else if (wire instanceof Item item) {
            title = textUnlessMarkup(title);
            Guid g = item.getGuid();
            // Rome fills an RSS 2.0 item's uri with its link when there is no guid; only a real guid counts, or in
            // the RDF formats (RSS 0.90 and 1.0) the item's rdf:about.
            guid = g != null ? g.getValue() : rdf ? item.getUri() : null;
        } else {
            guid = atom ? e.getUri() : null;
        }
        if (facts != null && facts.entryBase() != null) base = facts.entryBase();
        String language = facts != null ? facts.language() : feedLanguage;
        if (e.getModule(DCModule.URI) instanceof DCModule dc) {
            if (facts == null && dc.getLanguage() != null && !dc.getLanguage().isBlank()) language = dc.getLanguage();
            // Dublin Core stands in for the core elements when a feed uses only it.
            if (title == null || title.isBlank()) title = dc.getTitle();
            if (summary == null || summary.isBlank()) summary = dc.getDescription();
        }
        if (content == null && facts != null && facts.bodyHtml() != null && !facts.bodyHtml().isBlank()) {
            content = facts.bodyHtml();
        }
        EntryImages.Image image = EntryImages.find(e);
        return new ParsedFeed.Entry(
                blankToNull(guid),
                blankToNull(link),
                title,
                summary,
                content,
                authors(e),
                categories(e),
                instant(e.getPublishedDate()),
                instant(e.getUpdatedDate()),
                image == null ? null : image.url(),
                base,
                facts == null ? null : facts.summaryBase(),
                facts == null ? null : facts.contentBase(),
                facts == null ? null : facts.publishedText(),
                facts == null ? null : facts.updatedText(),
                facts == null ? null : facts.eventStartText(),
                facts == null ? null : facts.imageCredit(),
                event(facts == null ? null : facts.event(), title, summary, content),
                image == null ? null : image.alt(),
                language);
    }

    /**
     * The entry's event: its own elements (ev:, LibCal) first, completed from schema.org markup in its HTML; an
     * event whose title says "Cancelled:" is cancelled.
     */
    static ParsedEvent event(ParsedEvent elements, String title, String summary, String content) {
        ParsedEvent markup = SchemaOrgEvent.find(content, summary);
        ParsedEvent event = elements != null ? elements.orElse(markup) : markup;
        if (event == null || event.isEmpty()) return null;
        if (event.status() == null && EventElements.cancelledTitle(title)) {
            event = new ParsedEvent(event.start(), event.end(), event.allDay(), event.zone(), event.location(),
                    event.organizer(), event.type(), "cancelled", event.registration(), event.from());
        }
        return event;
    }

    private static String alternateHref(com.rometools.rome.feed.atom.Entry entry) {
        String any = null;
        for (Link l : entry.getAlternateLinks()) {
            if (l.getHref() == null || l.getHref().isBlank()) continue;
            if (l.getType() == null || l.getType().contains("html")) return l.getHref();
            if (any == null) any = l.getHref();
        }
        return any;
    }

    private static String content(List<SyndContent> contents) {
        for (SyndContent c : contents) {
            if (c.getValue() != null && !c.getValue().isBlank()) return c.getValue();
        }
        return null;
    }

    private static String atomContent(List<Content> contents) {
        for (Content c : contents) {
            String html = html(c);
            if (html != null && !html.isBlank()) return html;
        }
        return null;
    }

    /**
     * Every string we hand on is HTML-ish: RSS text is HTML by custom, Atom says so in its type. Atom text (1.0 "text"
     * or no type, 0.3 "text/plain") is escaped here so that "a &lt;b&gt; c" written as text stays text after
     * normalize strips markup.
     */
    private static String html(Content c) {
        if (c == null || c.getValue() == null) return null;
        String type = c.getType() == null ? "text" : c.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) return escape(c.getValue());
        if (type.equals("xhtml")) return unwrapXhtmlDiv(c.getValue());
        return c.getValue();
    }

    /** Atom's xhtml constructs wrap their markup in one div that belongs to the format, not to the text. */
    private static String unwrapXhtmlDiv(String value) {
        String v = value.strip();
        if (!v.startsWith("<div") || !v.endsWith("</div>")) return value;
        int open = v.indexOf('>');
        String inner = v.substring(open + 1, v.length() - "</div>".length());
        return inner.contains("<div") ? value : inner;
    }

    /**
     * An RSS title is HTML by custom ("Join our &lt;b&gt;webinar&lt;/b&gt;"), but a "<" that opens no tag is text:
     * "A&#x3C;B" means "A<B", which an HTML reader would cut at the "<".
     */
    static String textUnlessMarkup(String title) {
        if (title == null || title.indexOf('<') < 0) return title;
        StringBuilder b = new StringBuilder(title.length() + 8);
        Matcher tag = TAG.matcher(title);
        int from = 0;
        while (tag.find()) {
            b.append(title.substring(from, tag.start()).replace("<", "&lt;")).append(tag.group());
            from = tag.end();
        }
        return b.append(title.substring(from).replace("<", "&lt;")).toString();
    }

    private static List<String> authors(SyndEntry e) {
        Set<String> names = new LinkedHashSet<>();
        for (SyndPerson p : e.getAuthors()) {
            addName(names, p.getName() != null && !p.getName().isBlank() ? p.getName() : p.getEmail());
        }
        if (e.getModule(DCModule.URI) instanceof DCModule dc) {
            for (String creator : dc.getCreators()) addName(names, creator);
        }
        return new ArrayList<>(names);
    }

    private static void addName(Set<String> names, String raw) {
        if (raw == null || raw.isBlank()) return;
        Matcher m = MAIL_WITH_NAME.matcher(raw.trim());
        Matcher n = NAME_WITH_MAIL.matcher(raw.trim());
        names.add(m.matches() ? m.group(1).trim() : n.matches() ? n.group(1).trim() : raw.trim());
    }

    private static List<String> categories(SyndEntry e) {
        Set<String> names = new LinkedHashSet<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null && !c.getName().isBlank()) names.add(c.getName().trim());
        }
        // Rome does not always surface dc:subject as a category (RSS 1.0 items), so read it where it lives.
        if (e.getModule(DCModule.URI) instanceof DCModule dc) {
            for (DCSubject subject : dc.getSubjects()) {
                if (subject.getValue() != null && !subject.getValue().isBlank()) names.add(subject.getValue().trim());
            }
        }
        return new ArrayList<>(names);
    }

    /** Resolves leniently: null when the reference cannot be made into an absolute URI. */
    static URI resolve(URI base, String reference) {
        try {
            URI ref = new URI(reference.trim());
            if (ref.isAbsolute()) return ref;
            if (base == null || base.isOpaque()) return null;
            // java.net.URI drops the "/" between an empty base path and a relative reference.
            if (base.getRawPath() == null || base.getRawPath().isEmpty()) base = base.resolve("/");
            return base.resolve(ref);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
