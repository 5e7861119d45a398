package org.tributary.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * A feed that is not well-formed XML, made well-formed the way feed readers read it: an ampersand that starts no
 * entity or character reference ("a=1&b=2" in a link) is escaped, characters XML cannot carry go, and the text is
 * re-serialised through jsoup's XML parser, which closes what was left open at the end of the document (elements, a
 * CDATA section, an end tag cut short) and escapes stray markup characters. The result is parsed strictly again, with
 * the same limits; only a document that failed the strict parse is ever repaired.
 *
 * <p>Ampersands are escaped before jsoup sees the text because jsoup decodes HTML's legacy entities without their
 * semicolon, which would turn "?a=1&copy=2" into "?a=1©=2"; CDATA sections, comments and processing instructions are
 * copied as they are (an ampersand means itself there).
 */
final class XmlRepair {

    private XmlRepair() {}

    /** The document as well-formed XML (what jsoup makes of it); its meaning may still be refused by the reader. */
    static String repair(String xml) {
        Document doc = Jsoup.parse(escapeBareAmpersands(xml), "", Parser.xmlParser());
        doc.outputSettings().prettyPrint(false).syntax(Document.OutputSettings.Syntax.xml)
                .escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8");
        return doc.outerHtml();
    }

    /** Bare ampersands as {@code &amp;}, XML-illegal characters dropped; CDATA, comments and PIs left as written. */
    static String escapeBareAmpersands(String xml) {
        StringBuilder out = new StringBuilder(xml.length() + 64);
        int n = xml.length();
        int i = 0;
        while (i < n) {
            char c = xml.charAt(i);
            int verbatim = verbatimEnd(xml, i);
            if (verbatim > i) {
                out.append(xml, i, verbatim);
                i = verbatim;
            } else if (c == '&') {
                out.append(isReference(xml, i) ? "&" : "&amp;");
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(xml.charAt(i + 1))) {
                out.append(c).append(xml.charAt(i + 1));
                i += 2;
            } else {
                if (isXmlChar(c)) out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Where a CDATA section, comment or PI starting at {@code i} ends (the document's end if unterminated), else i. */
    static int verbatimEnd(String s, int i) {
        if (s.charAt(i) != '<') return i;
        String close = s.startsWith("<![CDATA[", i) ? "]]>" : s.startsWith("<!--", i) ? "-->"
                : s.startsWith("<?", i) ? "?>" : null;
        if (close == null) return i;
        int end = s.indexOf(close, i + 2);
        return end < 0 ? s.length() : end + close.length();
    }

    /** {@code &name;}, {@code &#123;} or {@code &#x1F;} at {@code i}. */
    private static boolean isReference(String s, int i) {
        int j = i + 1;
        int n = s.length();
        if (j < n && s.charAt(j) == '#') {
            j++;
            boolean hex = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
            if (hex) j++;
            int digits = j;
            while (j < n && (hex ? Character.digit(s.charAt(j), 16) >= 0 : s.charAt(j) >= '0' && s.charAt(j) <= '9')) {
                j++;
            }
            return j > digits && j < n && s.charAt(j) == ';';
        }
        if (j >= n || !(Character.isLetter(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == ':')) return false;
        while (j < n && j - i < 64) {
            char c = s.charAt(j);
            if (c == ';') return true;
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '-')) return false;
            j++;
        }
        return false;
    }

    private static boolean isXmlChar(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
