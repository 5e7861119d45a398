package org.tributary.normalize;

/**
 * Cuts plain text to at most {@code max} chars (UTF-16 units, as the database counts them), at a word boundary, with
 * "…" appended inside the limit. A surrogate pair is never split, and a single word longer than the limit is cut
 * hard rather than dropped.
 */
final class Excerpt {

    static final char ELLIPSIS = '…';

    private Excerpt() {}

    static String cut(String text, int max) {
        if (text.length() <= max) return text;
        int budget = max - 1;
        if (budget <= 0) return String.valueOf(ELLIPSIS);
        int end = budget;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) end--;
        if (text.charAt(budget) != ' ') {
            int space = text.lastIndexOf(' ', end - 1);
            if (space > 0) end = space;
        }
        String head = stripTrailing(text.substring(0, end));
        return head + ELLIPSIS;
    }

    /** "word," + "…" reads badly; trailing spaces and joining punctuation go. */
    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && " ,;:-–—".indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(0, end);
    }
}
