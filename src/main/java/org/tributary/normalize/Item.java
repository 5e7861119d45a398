package org.tributary.normalize;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One item as we publish it, before the store adds when it first saw it.
 *
 * @param publicId    stable public id derived from (sourceId, identity); never changes once published
 * @param identity    the per-source key: "guid:...", "link:..." or "hash:..."
 * @param guid        the original guid, may be null
 * @param link        absolute http(s) link, may be null
 * @param title       plain text, never null (may be empty)
 * @param summaryHtml sanitized HTML, may be empty
 * @param contentHtml sanitized HTML, may be empty
 * @param excerpt     plain text, at most excerpt_chars, cut at a word boundary with "…"
 * @param imageUrl    absolute http(s) image, may be null
 * @param published   the source's own date, null when missing or unparseable (the store then uses first seen)
 * @param updated     the source's own updated date, may be null
 * @param contentHash hash over everything above that a reader sees; a change means "updated in place"
 * @param eventStart  when the event the item announces starts (ev:startdate), kept apart from the publish date; null
 * @param imageCredit media:credit for the image, may be null
 * @param rawHash     the fingerprint of the raw entry and rules it was normalized from (see {@code RawFingerprint});
 *                    null when it was not made by {@link Normalizer}
 * @param event       the event the item announces (start, end, place, ...), or null; when given, {@code eventStart}
 *                    is its start
 * @param imageAlt    the image's alt text (plain text, at most {@code FieldLimits.ALT} characters), may be null
 * @param language    the BCP 47 tag of the language the item's feed declares for it ("fr", "pt-BR"), may be null
 */
public record Item(
        String publicId,
        String sourceId,
        String identity,
        String guid,
        URI link,
        String title,
        String summaryHtml,
        String contentHtml,
        String excerpt,
        String type,
        List<String> topics,
        List<String> categories,
        List<String> authors,
        URI imageUrl,
        Instant published,
        Instant updated,
        String contentHash,
        Instant eventStart,
        String imageCredit,
        String rawHash,
        Event event,
        String imageAlt,
        String language) {

    /** The same item under another public id and identity (a guid that changes on every fetch keeps its first id). */
    public Item withIdentity(String otherPublicId, String otherIdentity) {
        return new Item(otherPublicId, sourceId, otherIdentity, guid, link, title, summaryHtml, contentHtml, excerpt,
                type, topics, categories, authors, imageUrl, published, updated, contentHash, eventStart, imageCredit,
                rawHash, event, imageAlt, language);
    }

    /** The same item with its topics (the store reads them apart). */
    public Item withTopics(List<String> otherTopics) {
        return new Item(publicId, sourceId, identity, guid, link, title, summaryHtml, contentHtml, excerpt, type,
                otherTopics, categories, authors, imageUrl, published, updated, contentHash, eventStart, imageCredit,
                rawHash, event, imageAlt, language);
    }

    public Item {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(contentHash, "contentHash");
        title = title == null ? "" : title;
        summaryHtml = summaryHtml == null ? "" : summaryHtml;
        contentHtml = contentHtml == null ? "" : contentHtml;
        excerpt = excerpt == null ? "" : excerpt;
        topics = List.copyOf(topics);
        categories = List.copyOf(categories);
        authors = List.copyOf(authors);
        if (event != null) eventStart = event.start();
        else if (eventStart != null) event = Event.startingAt(eventStart);
    }
}
