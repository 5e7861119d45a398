package org.tributary.parse;

import org.jdom2.input.JDOMParseException;
import org.xml.sax.SAXParseException;

/** Turns whatever Rome, JDOM or the SAX parser threw into a one-line reason for people. */
final class ParseFailures {

    private static final int MAX = 200;

    private ParseFailures() {}

    static FeedParseException toParseException(Throwable t, String contentType, Prolog prolog) {
        return new FeedParseException(oneLine(reason(t, contentType, prolog)), t);
    }

    private static String reason(Throwable t, String contentType, Prolog prolog) {
        if (t instanceof StackOverflowError) return "refused: document nested too deeply";
        NullPointerException npe = find(t, NullPointerException.class);
        if (npe != null && String.valueOf(npe.getMessage()).contains("eChannel")) {
            // Rome's RSS parsers assume the channel is there.
            return "not a feed: <" + prolog.root() + "> without a <channel>";
        }
        if (t instanceof IllegalArgumentException && "Invalid document".equals(t.getMessage())) {
            // Well-formed XML that no Rome parser claims.
            return "unsupported feed format: root element <" + prolog.root() + ">";
        }
        if (FeedParser.isHtmlType(contentType) && !prolog.isFeedRoot()) {
            return "not a feed: HTML page (" + contentType + ")";
        }
        SAXParseException sax = find(t, SAXParseException.class);
        JDOMParseException jdom = find(t, JDOMParseException.class);
        if (sax != null || jdom != null) {
            String message = sax != null ? sax.getMessage() : jdom.getMessage();
            int line = sax != null ? sax.getLineNumber() : jdom.getLineNumber();
            if (message != null && message.contains("maxElementDepth")) {
                return "refused: elements nested deeper than " + FeedParser.MAX_DEPTH;
            }
            if (message != null && message.contains("DOCTYPE is disallowed")) {
                return "refused: DOCTYPE declarations are not allowed";
            }
            return "malformed XML at line " + line + ": " + message;
        }
        return "unreadable feed: " + describe(t);
    }

    /**
     * Whether a failed strict parse may be retried on a repaired document: a feed whose XML is not well-formed. Not
     * an HTML page, nor a document refused on purpose (too deep, a DOCTYPE): repairing those would undo the refusal.
     */
    static boolean isRepairable(Throwable t, Prolog prolog) {
        if (t instanceof StackOverflowError || !prolog.isFeedRoot()) return false;
        SAXParseException sax = find(t, SAXParseException.class);
        JDOMParseException jdom = find(t, JDOMParseException.class);
        if (sax == null && jdom == null) return false;
        String message = String.valueOf(sax != null ? sax.getMessage() : jdom.getMessage());
        return !message.contains("maxElementDepth") && !message.contains("DOCTYPE")
                && !message.contains("entity expansion") && !message.contains("accumulated size");
    }

    static boolean isUndeclaredEntity(Throwable t) {
        SAXParseException sax = find(t, SAXParseException.class);
        return sax != null && sax.getMessage() != null && sax.getMessage().contains("was referenced, but not declared");
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }
}
