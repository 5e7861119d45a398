package org.tributary.normalize;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A feed's declared language as a well-formed BCP 47 tag, or nothing. What feeds write is mostly "en", "en-us",
 * "fr-FR" or "pt_BR", sometimes "English" or "x"; a value is kept only when it survives
 * {@link Locale#forLanguageTag}'s round trip unchanged (case and "_" aside), so that what we publish in
 * {@code lang} and {@code xml:lang} always names a language; anything else is no language at all, never a guess.
 */
final class LanguageTag {

    /** A primary language subtag of ISO 639 (two or three letters): "English" or "fran" are names, not tags. */
    private static final Pattern PRIMARY = Pattern.compile("[a-z]{2,3}");
    /** Longer than any tag a feed needs (item.language holds 64). */
    private static final int MAX = 35;

    private LanguageTag() {}

    /** @return the canonical tag ("en-US", "zh-Hant-TW", "fr"), or null for a missing, blank or ill-formed value */
    static String of(String declared) {
        if (declared == null) return null;
        String raw = XmlChars.clean(declared).strip().replace('_', '-');
        if (raw.isEmpty() || raw.length() > MAX) return null;
        Locale locale = Locale.forLanguageTag(raw);
        String tag = locale.toLanguageTag();
        if (!tag.equalsIgnoreCase(raw) || !PRIMARY.matcher(locale.getLanguage()).matches()) return null;
        return tag;
    }
}
