package org.tributary.normalize;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A fingerprint of what a reader sees of an item; the store compares it to skip unchanged items before writing
 * (measured: the update path costs as much as an insert). Fields are joined with characters that XML 1.0 forbids,
 * which {@link XmlChars} has already removed from every field, so two different items cannot produce the same text.
 */
final class ContentHash {

    private static final char FIELD = '\u0000';
    private static final char ELEMENT = '\u0001';
    private static final char ALT = '\u0002';
    private static final char LANGUAGE = '\u0003';

    private ContentHash() {}

    static String of(String title, URI link, String summary, String content, List<String> authors,
            List<String> categories, URI image, Instant published, Instant updated, String type, List<String> topics, Event event,
            String imageCredit, String imageAlt, String language) {
        StringBuilder b = new StringBuilder(256 + summary.length() + content.length());
        for (Object field : new Object[] {title, link, summary, content, image, published, updated, type,
                event == null ? null : event.fingerprint(), imageCredit}) {
            b.append(field == null ? "" : field.toString()).append(FIELD);
        }
        // Fields added since items were first stored count only when present: an item without them keeps the hash
        // it was stored with, so an upgrade does not mark every stored item as changed.
        // (Each behind a marker of its own, a character XmlChars removed from every field.)
        if (imageAlt != null) b.append(ALT).append(imageAlt).append(FIELD);
        if (language != null) b.append(LANGUAGE).append(language).append(FIELD);
        for (List<String> list : List.of(authors, categories, topics)) {
            for (String s : list) b.append(s).append(ELEMENT);
            b.append(FIELD);
        }
        return Hashes.hex(Hashes.sha256(b.toString()));
    }
}
