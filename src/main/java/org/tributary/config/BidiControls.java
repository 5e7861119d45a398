package org.tributary.config;

/**
 * The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): one left open in a name or a
 * title reverses what follows it wherever it is shown (a right-to-left override makes "gpj.exe" read "exe.jpg", and
 * the partner's name, the date and the next item after it). Names in feeds.yml and the text of items never carry
 * them. The direction marks U+200E, U+200F and U+061C embed nothing and affect only the neutral characters beside
 * them, paired or not, so they stay: right-to-left names need them.
 */
public final class BidiControls {

    private BidiControls() {}

    public static boolean isControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    public static boolean contains(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) return true;
        }
        return false;
    }

    /** The text without them; the same string when it has none. */
    public static String strip(String s) {
        if (!contains(s)) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!isControl(s.charAt(i))) out.append(s.charAt(i));
        }
        return out.toString();
    }
}
