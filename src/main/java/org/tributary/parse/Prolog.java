package org.tributary.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What comes before the root element of a decoded document: the root's name, whether there is a DOCTYPE and what it
 * holds, and which parts of the prolog to cut before the XML parser sees the text. Enough to tell an HTML page from a
 * feed, to refuse entity declarations, and to forgive XML declarations that are not first (we decoded the bytes
 * already, so the declaration has nothing left to say).
 *
 * @param start          index of the first non-whitespace character
 * @param internalSubset the DOCTYPE has a "[...]" part, where entities (XXE, billion laughs) would be declared
 * @param htmlDoctype    the DOCTYPE names html
 * @param root           the root element's name, or "" when none was found
 * @param cuts           XML declarations and DOCTYPEs, in document order
 * @param subsets        the DOCTYPEs that have an internal subset (read by {@link InternalEntities}, or refused)
 */
record Prolog(int start, boolean internalSubset, boolean htmlDoctype, String root, List<Range> cuts,
              List<Range> subsets) {

    record Range(int from, int to) {}

    private static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "rdf", "channel", "entry");

    Prolog {
        cuts = List.copyOf(cuts);
        subsets = List.copyOf(subsets);
    }

    /** Scans at most the first 64 KB: a prolog longer than that is not one we want anyway. */
    static Prolog scan(String s) {
        int limit = Math.min(s.length(), 64 * 1024);
        int i = skipWhitespace(s, 0, limit);
        int start = i;
        boolean subset = false;
        boolean html = false;
        List<Range> cuts = new ArrayList<>();
        List<Range> subsets = new ArrayList<>();
        while (i < limit && s.charAt(i) == '<') {
            int end;
            if (s.startsWith("<?", i)) {
                end = s.indexOf("?>", i + 2);
                if (end < 0) break;
                end += 2;
                if (s.regionMatches(true, i, "<?xml", 0, 5) && end > i + 5 && Character.isWhitespace(s.charAt(i + 5))) {
                    cuts.add(new Range(i, end));
                }
            } else if (s.startsWith("<!--", i)) {
                end = s.indexOf("-->", i + 4);
                if (end < 0) break;
                end += 3;
            } else if (s.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                html |= s.regionMatches(true, skipWhitespace(s, i + 9, limit), "html", 0, 4);
                int[] close = doctypeEnd(s, i + 9, limit);
                subset |= close[1] == 1;
                if (close[0] < 0) break;
                end = close[0];
                cuts.add(new Range(i, end));
                if (close[1] == 1) subsets.add(new Range(i, end));
            } else {
                return new Prolog(start, subset, html, name(s, i + 1, limit), cuts, subsets);
            }
            i = skipWhitespace(s, end, limit);
        }
        return new Prolog(start, subset, html, "", cuts, subsets);
    }

    /** An HTML root, or an HTML DOCTYPE over a root that is not a feed (feeds do get pasted under XHTML DOCTYPEs). */
    boolean isHtmlPage() {
        return localRoot().equals("html") || (htmlDoctype && !isFeedRoot());
    }

    boolean isFeedRoot() {
        return FEED_ROOTS.contains(localRoot());
    }

    /** The text from its first markup on, without the cut parts. */
    String xml(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int from = start;
        for (Range cut : cuts) {
            b.append(text, from, cut.from());
            from = cut.to();
        }
        return b.append(text, from, text.length()).toString();
    }

    private String localRoot() {
        return root.substring(root.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    }

    /** Returns {index after the closing '>' or -1, 1 when an internal subset was seen}; quotes may hide '>' and '['. */
    private static int[] doctypeEnd(String s, int i, int limit) {
        boolean subset = false;
        char quote = 0;
        int depth = 0;
        for (; i < limit; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                subset = true;
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return new int[] {i + 1, subset ? 1 : 0};
            }
        }
        return new int[] {-1, subset ? 1 : 0};
    }

    private static String name(String s, int i, int limit) {
        int j = i;
        while (j < limit && j - i < 100) {
            char c = s.charAt(j);
            if (Character.isWhitespace(c) || c == '>' || c == '/') break;
            j++;
        }
        return s.substring(i, j);
    }

    private static int skipWhitespace(String s, int i, int limit) {
        while (i < limit && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}
