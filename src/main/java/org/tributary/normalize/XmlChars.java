package org.tributary.normalize;

/**
 * Removes what XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF), so that no published
 * document can be broken by one item: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 */
final class XmlChars {

    private XmlChars() {}

    static String clean(String s) {
        if (s == null) return null;
        int bad = firstIllegal(s);
        if (bad < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, bad);
        for (int i = bad; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (isLegalBmp(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int firstIllegal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (!isLegalBmp(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Surrogates count as illegal here: a legal pair is accepted by the callers before this is asked. */
    private static boolean isLegalBmp(char c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
    }
}
