package org.tributary.normalize;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
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
     * serialization drops what XML cannot carry), without parsing that HTML again.
     */
    static String fromSanitized(Element body) {
        if (body == null) return "";
        return collapse(XmlChars.clean(rawText(body).toString()));
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

    /** ASCII whitespace (space, tab, LF, VT, FF, CR), no-break space, line and paragraph separators. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || c == '\u00A0' || c == '\u2028' || c == '\u2029';
    }
}
