package org.tributary.normalize;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The longest value each field of an item may have, within the store's columns (V1, V4): a field over its limit is
 * cut or dropped for that item alone, with a note naming the field, so that one oversize title, guid, link or list
 * never refuses a source's other items. URLs are dropped rather than cut (a cut URL points elsewhere); a guid too
 * long for the identity column is kept as identity by its hash; lists keep their first values that fit.
 */
final class FieldLimits {

    /** item.title. */
    static final int TITLE = 8_192;
    /** A guid longer than this identifies its item by its SHA-256 (item.identity holds 8,192). */
    static final int GUID = 2_000;
    /** item.link and item.image_url hold 8,192; browsers and servers refuse far shorter URLs. */
    static final int URL = 4_000;
    /** item.authors: the names, one a line. */
    static final int AUTHORS = 8_192;
    /** item.categories: one a line. */
    static final int CATEGORIES = 20_000;
    /** item.image_credit. */
    static final int CREDIT = 2_000;
    /**
     * The image's alt text, cut at a word boundary: an alt is read aloud in full, and a media:description is often
     * the whole story again (item.image_alt holds 2,000).
     */
    static final int ALT = 250;
    /** item.summary_html and item.content_html. */
    static final int HTML = 1_000_000;

    private FieldLimits() {}

    /** Whether normalizing the entry may cut or drop a field (its raw fields are over a limit; cheap to ask). */
    static boolean mayCut(org.tributary.parse.ParsedFeed.Entry e) {
        return longer(e.title(), TITLE) || longer(e.guid(), GUID) || longer(e.link(), URL)
                || longer(e.imageUrl(), URL) || longer(e.imageCredit(), CREDIT)
                || joined(e.authors()) > AUTHORS || joined(e.categories()) > CATEGORIES;
    }

    private static boolean longer(String s, int max) {
        return s != null && s.length() > max;
    }

    private static long joined(List<String> values) {
        long n = values.size();
        for (String v : values) n += v == null ? 0 : v.length();
        return n;
    }

    static boolean urlTooLong(String url) {
        return url != null && url.length() > URL;
    }

    static URI url(URI uri) {
        return uri == null || urlTooLong(uri.toString()) ? null : uri;
    }

    /** The text cut to {@code max} chars, never between the two halves of a surrogate pair. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) return text;
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** The first values whose lines (joined by a newline) fit in {@code max} chars. */
    static List<String> fitting(List<String> values, int max) {
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (String v : values) {
            int need = (kept.isEmpty() ? 0 : 1) + v.length();
            if (used + need > max) break;
            kept.add(v);
            used += need;
        }
        return kept.size() == values.size() ? values : List.copyOf(kept);
    }
}
