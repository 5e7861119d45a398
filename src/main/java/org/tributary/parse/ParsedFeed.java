package org.tributary.parse;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A feed in format-neutral records; Rome's types stay inside this package.
 *
 * @param format  e.g. "rss_2.0", "atom_1.0", "rss_1.0"
 * @param baseUri the URI relative links in the document resolve against (xml:base of the feed, Content-Location,
 *                else the request URL)
 * @param link    the feed's human page, may be null
 * @param pollHints what the feed says about how often to fetch it
 * @param warnings  what was left out to read the feed at all, one line each ("ignored malformed <hour> in
 *                  <skipHours>: ..."); empty when the document read as it is
 */
public record ParsedFeed(String format, String title, URI link, URI baseUri, List<Entry> entries,
                         PollHints pollHints, List<String> warnings) {

    public ParsedFeed {
        Objects.requireNonNull(format, "format");
        title = title == null ? "" : title;
        entries = List.copyOf(entries);
        pollHints = pollHints == null ? PollHints.NONE : pollHints;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ParsedFeed(String format, String title, URI link, URI baseUri, List<Entry> entries,
                      PollHints pollHints) {
        this(format, title, link, baseUri, entries, pollHints, List.of());
    }

    public ParsedFeed(String format, String title, URI link, URI baseUri, List<Entry> entries) {
        this(format, title, link, baseUri, entries, PollHints.NONE);
    }

    ParsedFeed withWarnings(List<String> more) {
        if (more.isEmpty()) return this;
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new ParsedFeed(format, title, link, baseUri, entries, pollHints, all);
    }

    /**
     * One item as the document says it, before any of our rules. Strings are as parsed (HTML not yet sanitized),
     * links may still be relative, and dates are null when missing or unparseable.
     *
     * @param guid        RSS guid, RSS 1.0 rdf:about or Atom id; null when the document has none (never the link)
     * @param title       HTML-ish like the two fields below: Atom type="text" constructs arrive escaped, so normalize
     *                    can treat every text field as HTML
     * @param baseUri     what relative URLs in this entry (link, HTML) resolve against
     * @param summaryHtml description / summary, may be null
     * @param contentHtml content:encoded / content, may be null
     * @param imageUrl    media:thumbnail, media:content image, image enclosure, or null
     * @param summaryBase what relative URLs inside the summary resolve against (its own xml:base), null = baseUri
     * @param contentBase the same for the content
     * @param publishedText the raw publish date as written (normalize parses it by our rules), may be null
     * @param updatedText   the raw updated date as written, may be null
     * @param eventStartText the raw start of the event the entry announces (ev:startdate), may be null
     * @param imageCredit   media:credit, may be null
     * @param event         the event the entry announces (ev:, LibCal, schema.org markup, iCalendar), or null
     * @param imageAlt      the image's alt text as written (media:description, else media:title, of the element the
     *                      image came from), may be null
     * @param language      the language declared for the entry as written: its own xml:lang or dc:language, else the
     *                      feed's (xml:lang, RSS language, dc:language, JSON Feed language); may be null
     */
    public record Entry(
            String guid,
            String link,
            String title,
            String summaryHtml,
            String contentHtml,
            List<String> authors,
            List<String> categories,
            Instant published,
            Instant updated,
            String imageUrl,
            URI baseUri,
            URI summaryBase,
            URI contentBase,
            String publishedText,
            String updatedText,
            String eventStartText,
            String imageCredit,
            ParsedEvent event,
            String imageAlt,
            String language) {

        public Entry {
            authors = authors == null ? List.of() : List.copyOf(authors);
            categories = categories == null ? List.of() : List.copyOf(categories);
            if (event != null && event.isEmpty()) event = null;
            if (eventStartText == null && event != null) eventStartText = event.start();
        }

        /** An entry without image alt text or language. */
        public Entry(String guid, String link, String title, String summaryHtml, String contentHtml,
                     List<String> authors, List<String> categories, Instant published, Instant updated,
                     String imageUrl, URI baseUri, URI summaryBase, URI contentBase, String publishedText,
                     String updatedText, String eventStartText, String imageCredit, ParsedEvent event) {
            this(guid, link, title, summaryHtml, contentHtml, authors, categories, published, updated, imageUrl,
                    baseUri, summaryBase, contentBase, publishedText, updatedText, eventStartText, imageCredit, event,
                    null, null);
        }

        /** An entry whose event, if any, is its start alone. */
        public Entry(String guid, String link, String title, String summaryHtml, String contentHtml,
                     List<String> authors, List<String> categories, Instant published, Instant updated,
                     String imageUrl, URI baseUri, URI summaryBase, URI contentBase, String publishedText,
                     String updatedText, String eventStartText, String imageCredit) {
            this(guid, link, title, summaryHtml, contentHtml, authors, categories, published, updated, imageUrl,
                    baseUri, summaryBase, contentBase, publishedText, updatedText, eventStartText, imageCredit, null);
        }

        /** An entry without the raw facts: bases default to {@code baseUri}, dates are Rome's. */
        public Entry(String guid, String link, String title, String summaryHtml, String contentHtml,
                     List<String> authors, List<String> categories, Instant published, Instant updated,
                     String imageUrl, URI baseUri) {
            this(guid, link, title, summaryHtml, contentHtml, authors, categories, published, updated, imageUrl,
                    baseUri, null, null, null, null, null, null, null);
        }
    }
}
