package org.tributary.normalize;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeVisitor;

/**
 * HTML to one line of text: markup dropped, entities decoded, whitespace collapsed, and a space wherever a block ends,
 * so "&lt;p&gt;a&lt;/p&gt;&lt;p&gt;b&lt;/p&gt;" reads "a b", not "ab". Script and style bodies are data, not text, and
 * never show.
 */
final class PlainText {

    /** Elements that jsoup treats as inline but that a reader sees as separate cells or lines. */
    private static final Set<String> SEPARATING = Set.of("br", "td", "th", "li", "dt", "dd", "hr", "img", "tr");

    private PlainText() {}

    static String fromHtml(String html) {
        if (html == null || html.isEmpty()) return "";
        String clean = XmlChars.clean(html);
        if (clean.indexOf('<') < 0 && clean.indexOf('&') < 0) return collapse(clean);
        return fromElement(Jsoup.parseBodyFragment(clean).body());
    }

    static String fromElement(Element root) {
        return collapse(rawText(root));
    }

    /**
     * The text of a sanitizer's cleaned tree, as {@link #fromHtml} would read the sanitized HTML written from it (its
     * serialization drops what XML cannot carry), without parsing that HTML again; collapsed as it is read, and read
     * only until it is longer than {@code enough} chars (the rest of a long body cannot change an excerpt).
     */
    static String fromSanitized(Element body, int enough) {
        if (body == null) return "";
        CollapsedText text = new CollapsedText(enough);
        body.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.getWholeText());
                } else if (separates(node)) {
                    text.space();
                }
                return text.full() ? FilterResult.STOP : FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (separates(node)) text.space();
                return text.full() ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        });
        return text.toString();
    }

    /** collapse(XmlChars.clean(s)) written as s arrives: no leading or trailing space, one space per run. */
    private static final class CollapsedText {
        private final StringBuilder out = new StringBuilder();
        private final int enough;
        private boolean pendingSpace;

        CollapsedText(int enough) {
            this.enough = enough;
        }

        void append(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (isSpace(c)) {
                    pendingSpace = true;
                } else if (xmlLegal(c) && !isBidiControl(c)) {
                    if (pendingSpace && out.length() > 0) out.append(' ');
                    pendingSpace = false;
                    out.append(c);
                }
            }
        }

        void space() {
            pendingSpace = true;
        }

        boolean full() {
            return out.length() > enough;
        }

        @Override
        public String toString() {
            return out.toString();
        }

        /**
         * As {@link XmlChars}; surrogates are kept: the parser turns a reference to one into U+FFFD and the input had
         * its lone ones removed, so every surrogate here is half of a pair.
         */
        private static boolean xmlLegal(char c) {
            return c >= 0x20 ? c <= 0xFFFD : c == 0x9 || c == 0xA || c == 0xD;
        }
    }

    private static StringBuilder rawText(Element root) {
        StringBuilder text = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.getWholeText());
                } else if (separates(node)) {
                    text.append(' ');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (separates(node)) text.append(' ');
            }
        });
        return text;
    }

    private static boolean separates(Node node) {
        return node instanceof Element e && (e.isBlock() || SEPARATING.contains(e.normalName()));
    }

    /** Runs of whitespace (ASCII, no-break, line and paragraph separators) become one space; then trimmed. */
    static String collapse(CharSequence s) {
        int n = s.length();
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isBidiControl(c)) {
                if (out == null) {
                    out = new StringBuilder(n);
                    out.append(s, 0, i);
                }
                continue;
            }
            if (!isSpace(c)) {
                if (out != null) out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < n && isSpace(s.charAt(end))) end++;
            if (out == null && (c != ' ' || end > i + 1)) {
                out = new StringBuilder(n);
                out.append(s, 0, i);
            }
            if (out != null) out.append(' ');
            i = end - 1;
        }
        return (out != null ? out.toString() : s.toString()).trim();
    }

    /**
     * The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). In a title or an excerpt
     * an unterminated right-to-left override reverses what follows it on the page that shows it (the partner's
     * name, the date, the next item), so plain text never carries them, nor the text of sanitized HTML; the
     * direction marks U+200E, U+200F and U+061C, which embed nothing and affect only the neutral characters beside
     * them (paired or not, nothing after them is reordered), stay. Text in either direction still shows in its own order.
     */
    static boolean isBidiControl(char c) {
        return org.tributary.config.BidiControls.isControl(c);
    }

    /** The text without {@link #isBidiControl bidi controls}; the same string when it has none. */
    static String withoutBidiControls(String s) {
        return org.tributary.config.BidiControls.strip(s);
    }

    /** ASCII whitespace (space, tab, LF, VT, FF, CR), no-break space, line and paragraph separators. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || c == '\u00A0' || c == '\u2028' || c == '\u2029';
    }
}
