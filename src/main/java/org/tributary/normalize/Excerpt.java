package org.tributary.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts plain text to at most {@code max} chars (UTF-16 units, as the database counts them), at a word boundary, with
 * "…" appended inside the limit. The cut always falls on a grapheme boundary, so neither a surrogate pair nor a
 * combining sequence (e + ◌́, an emoji with its modifier) is split, and a single word longer than the limit is cut
 * hard rather than dropped.
 */
final class Excerpt {

    static final char ELLIPSIS = '…';
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private Excerpt() {}

    /**
     * How much of a text {@link #cut} reads to cut it at {@code max}: a longer text cut to this length gives the same
     * excerpt (the grapheme boundary at the cut needs at most a few chars past it; 64 is ample).
     */
    static int charsNeeded(int max) {
        return max + 64;
    }

    static String cut(String text, int max) {
        if (text.length() <= max) return text;
        int budget = max - 1;
        if (budget <= 0) return String.valueOf(ELLIPSIS);
        int end = graphemeBoundaryAtOrBefore(text, budget);
        if (text.charAt(budget) != ' ') {
            int space = text.lastIndexOf(' ', end - 1);
            if (space > 0) end = space;
        }
        String head = stripTrailing(text.substring(0, end));
        return head + ELLIPSIS;
    }

    /**
     * The last extended grapheme cluster boundary at or before index. Java 17's character BreakIterator predates
     * emoji clusters (it splits 👍🏽, flags and ZWJ families such as 👩‍👩‍👧); the regex {@code \X} follows UAX #29.
     */
    private static int graphemeBoundaryAtOrBefore(String text, int index) {
        Matcher clusters = GRAPHEME.matcher(text);
        int boundary = 0;
        while (clusters.find() && clusters.end() <= index) boundary = clusters.end();
        return boundary;
    }

    /** "word," + "…" reads badly; trailing spaces and joining punctuation go. */
    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && " ,;:-–—".indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(0, end);
    }
}
