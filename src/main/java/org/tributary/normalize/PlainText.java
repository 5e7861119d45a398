package org.tributary.normalize;

import java.util.Set;
import java.util.regex.Pattern;
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

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2028\\u2029]+");
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
        return collapse(text);
    }

    private static boolean separates(Node node) {
        return node instanceof Element e && (e.isBlock() || SEPARATING.contains(e.normalName()));
    }

    static String collapse(CharSequence s) {
        return SPACES.matcher(s).replaceAll(" ").trim();
    }
}
