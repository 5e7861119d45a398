package org.tributary.parse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one kind of DOCTYPE internal subset we read: internal general entities whose value is text
 * ({@code <!ENTITY id "tag:example.com,">}). Their references in the document are replaced by their text, escaped,
 * before the XML parser sees it with the DOCTYPE removed, so the parser itself never processes a declaration.
 * Anything else in the subset (an external SYSTEM or PUBLIC entity, a parameter entity, a reference to one, markup
 * in a value, element or attribute declarations, processing instructions) refuses the document, and so do the bounds
 * that stop an entity bomb: at most {@value #MAX_ENTITIES} declarations, an entity may refer to others only
 * {@value #MAX_DEPTH} levels deep, and the whole document's expansion adds at most {@value #MAX_EXPANSION} characters.
 *
 * <p>A value is text: a character reference in it means that character, never markup (strict XML would parse
 * "&amp;#60;b&amp;#62;" in a value as an element; we show "&lt;b&gt;"). References inside CDATA sections, comments
 * and processing instructions are not references and stay as written.
 */
final class InternalEntities {

    static final int MAX_ENTITIES = 64;
    static final int MAX_DEPTH = 3;
    static final int MAX_EXPANSION = 64 * 1024;
    static final String REFUSED = "refused: DOCTYPE with an internal subset (entity declarations are not allowed)";

    private static final Pattern DECLARATION = Pattern.compile(
            "<!ENTITY\\s+([A-Za-z_:][A-Za-z0-9_:.-]*)\\s+(?:\"([^\"]*)\"|'([^']*)')\\s*>");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Map<String, String> PREDEFINED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'");

    private final Map<String, String> literals;
    private final Map<String, String> expanded = new HashMap<>();
    private final Map<String, Integer> levels = new HashMap<>();
    private final java.util.Set<String> resolving = new java.util.HashSet<>();

    private InternalEntities(Map<String, String> literals) {
        this.literals = literals;
    }

    /**
     * The document text with the declared entities' references replaced.
     *
     * @param doctype the whole DOCTYPE declaration, {@code <!DOCTYPE ... [ ... ]>}
     * @param xml     the document without its DOCTYPE
     */
    static String expand(String doctype, String xml) throws FeedParseException {
        InternalEntities entities = new InternalEntities(declarations(subset(doctype)));
        for (String name : entities.literals.keySet()) entities.text(name);
        return entities.substitute(xml);
    }

    /** The text between the DOCTYPE's '[' and its last ']' ('[' inside a quoted external id does not count). */
    private static String subset(String doctype) throws FeedParseException {
        char quote = 0;
        for (int i = 0; i < doctype.length(); i++) {
            char c = doctype.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                int end = doctype.lastIndexOf(']');
                if (end < i) throw new FeedParseException(REFUSED);
                return doctype.substring(i + 1, end);
            }
        }
        throw new FeedParseException(REFUSED);
    }

    /** Name → literal value, for a subset of nothing but internal entity declarations, comments and whitespace. */
    private static Map<String, String> declarations(String subset) throws FeedParseException {
        Map<String, String> literals = new LinkedHashMap<>();
        String rest = COMMENT.matcher(subset).replaceAll(" ");
        Matcher m = DECLARATION.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (Character.isWhitespace(rest.charAt(at))) {
                at++;
                continue;
            }
            if (!m.find(at) || m.start() != at) throw new FeedParseException(REFUSED);
            String value = m.group(2) != null ? m.group(2) : m.group(3);
            // '%' is a parameter-entity reference, '<' markup: neither is a text entity.
            if (value.indexOf('%') >= 0 || value.indexOf('<') >= 0) throw new FeedParseException(REFUSED);
            // XML: the first declaration of a name binds.
            literals.putIfAbsent(m.group(1), value);
            if (literals.size() > MAX_ENTITIES) {
                throw new FeedParseException("refused: DOCTYPE declares more than " + MAX_ENTITIES + " entities");
            }
            at = m.end();
        }
        return literals;
    }

    /**
     * An entity's text with its references resolved, computed once. Its level is 0 when it refers to no other
     * entity, else one more than the deepest one it refers to; an entity in the middle of being resolved that is
     * met again is a cycle.
     */
    private String text(String name) throws FeedParseException {
        String done = expanded.get(name);
        if (done != null) return done;
        if (!resolving.add(name)) throw new FeedParseException("refused: DOCTYPE entity \"" + name + "\" refers to itself");
        String literal = literals.get(name);
        StringBuilder out = new StringBuilder(literal.length());
        int level = 0;
        int i = 0;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int semi = literal.indexOf(';', i);
            if (semi < 0) throw new FeedParseException(REFUSED);
            String ref = literal.substring(i + 1, semi);
            if (ref.startsWith("#")) {
                out.appendCodePoint(codePoint(ref));
            } else if (PREDEFINED.containsKey(ref)) {
                out.append(PREDEFINED.get(ref));
            } else if (literals.containsKey(ref)) {
                out.append(text(ref));
                level = Math.max(level, levels.get(ref) + 1);
                if (level > MAX_DEPTH) {
                    throw new FeedParseException("refused: DOCTYPE entity \"" + name + "\" nests entities more than "
                            + MAX_DEPTH + " deep");
                }
            } else {
                throw new FeedParseException("refused: DOCTYPE entity \"" + name + "\" refers to undeclared \"" + ref
                        + "\"");
            }
            if (out.length() > MAX_EXPANSION) throw tooLarge();
            i = semi + 1;
        }
        resolving.remove(name);
        levels.put(name, level);
        String text = out.toString();
        expanded.put(name, text);
        return text;
    }

    private static int codePoint(String ref) throws FeedParseException {
        try {
            int cp = ref.startsWith("#x") ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
            if (!Character.isValidCodePoint(cp)) throw new FeedParseException(REFUSED);
            return cp;
        } catch (NumberFormatException e) {
            throw new FeedParseException(REFUSED);
        }
    }

    /** The document with every reference to a declared entity replaced by its escaped text. */
    private String substitute(String xml) throws FeedParseException {
        StringBuilder out = new StringBuilder(xml.length() + 256);
        long added = 0;
        int n = xml.length();
        int i = 0;
        while (i < n) {
            char c = xml.charAt(i);
            int verbatim = XmlRepair.verbatimEnd(xml, i);
            if (verbatim > i) {
                out.append(xml, i, verbatim);
                i = verbatim;
                continue;
            }
            if (c == '&') {
                int semi = xml.indexOf(';', i);
                String name = semi < 0 || semi - i > 80 ? null : xml.substring(i + 1, semi);
                String text = name == null ? null : expanded.get(name);
                if (text != null) {
                    added += text.length();
                    if (added > MAX_EXPANSION) throw tooLarge();
                    escape(text, out);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }

    private static FeedParseException tooLarge() {
        return new FeedParseException("refused: DOCTYPE entities expand to more than " + MAX_EXPANSION
                + " characters");
    }
}
