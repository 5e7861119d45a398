package org.tributary.parse;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Verifier;

/**
 * What Rome's model loses, read from the XML tree itself: the xml:base in force on each entry and on its summary and
 * content elements (inherited and nested, in every format), the raw date strings (so dates are parsed by our rules and
 * in the source's zone), an event's fields ({@link EventElements}), a media:credit, and the language declared for each
 * entry (its own, else inherited from the feed). Also decodes, before Rome sees it, base64 text and content,
 * which Rome cannot decode.
 */
final class DocumentFacts {

    static final Namespace XML = Namespace.XML_NAMESPACE;
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String DCTERMS = "http://purl.org/dc/terms/";
    private static final String EVENT = "http://purl.org/rss/1.0/modules/event/";
    private static final String MEDIA = "http://search.yahoo.com/mrss/";
    private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Set<String> TEXT_ELEMENTS = Set.of("title", "subtitle", "summary", "content", "rights");

    /** What one entry's element says beyond Rome's view; any field may be null. */
    record Facts(URI entryBase, URI summaryBase, URI contentBase, String publishedText, String updatedText,
                 String eventStartText, String imageCredit, String bodyHtml, ParsedEvent event, String language) {}

    private DocumentFacts() {}

    /** Base of the root element: its xml:base resolved against where the document came from. */
    static URI rootBase(Document doc, URI documentBase) {
        return base(doc.getRootElement(), documentBase);
    }

    /** One Facts per entry element in document order (the order Rome keeps). */
    static List<Facts> entries(Document doc, URI documentBase) {
        Element root = doc.getRootElement();
        URI rootBase = base(root, documentBase);
        String rootLanguage = language(root, null);
        List<Facts> facts = new ArrayList<>();
        String name = root.getName().toLowerCase(Locale.ROOT);
        if (name.equals("feed")) {
            for (Element e : root.getChildren()) {
                if (e.getName().equals("entry")) facts.add(facts(e, rootBase, rootLanguage));
            }
        } else {
            Element channel = child(root, "channel");
            URI channelBase = channel == null ? rootBase : base(channel, rootBase);
            // The channel's language is the feed's, for the items in it (RSS 2.0) and beside it (RSS 0.90, 1.0).
            String channelLanguage = channel == null ? rootLanguage : language(channel, rootLanguage);
            // RSS 2.0 nests items in the channel; RSS 0.90 and 1.0 put them beside it.
            if (channel != null) {
                for (Element e : channel.getChildren()) {
                    if (e.getName().equals("item")) facts.add(facts(e, channelBase, channelLanguage));
                }
            }
            for (Element e : root.getChildren()) {
                if (e.getName().equals("item")) facts.add(facts(e, rootBase, channelLanguage));
            }
        }
        return facts;
    }

    private static Facts facts(Element entry, URI parentBase, String parentLanguage) {
        URI base = base(entry, parentBase);
        Element summary = first(entry, "summary", "description", "tagline");
        Element content = firstNs(entry, "content", "encoded");
        return new Facts(base,
                summary == null ? base : base(summary, base),
                content == null ? base : base(content, base),
                text(entry, "published", "pubDate", "issued", "created", DC + "date", DCTERMS + "issued",
                        DCTERMS + "created"),
                text(entry, "updated", "modified", DCTERMS + "modified"),
                text(entry, EVENT + "startdate"),
                credit(entry),
                body(entry),
                EventElements.read(entry),
                language(entry, parentLanguage));
    }

    /**
     * The language an element declares (xml:lang, else a dc:language or RSS language child), else the one it
     * inherits. An empty xml:lang says "no language" (XML 1.0, 2.12), so it is not inherited past.
     */
    static String language(Element e, String inherited) {
        String lang = e.getAttributeValue("lang", XML);
        if (lang != null) return lang.isBlank() ? null : lang.strip();
        for (Element child : e.getChildren()) {
            if (!child.getName().equals("language")) continue;
            String ns = child.getNamespaceURI();
            String t = child.getTextNormalize();
            if ((ns.isEmpty() || ns.equals(DC) || ns.equals(DCTERMS)) && !t.isEmpty()) return t;
        }
        return inherited;
    }

    /**
     * Base64 text and content are decoded in place, before Rome sees them: Atom 0.3's mode="base64", and Atom 1.0's
     * type="some/mime-type" that is neither text nor XML. Only text is kept: bytes that are not UTF-8 text (a picture,
     * a PDF) or a type that names media (image/, audio/, video/, font/, model/) drop the element, so the entry keeps
     * its other fields and nothing binary reaches a reader. A composite type (multipart/, message/, which RFC 4287
     * forbids in content) is not base64: its text stays as text.
     */
    static void decodeBase64Content(Document doc) {
        List<Element> encoded = new ArrayList<>();
        for (Element e : doc.getRootElement().getDescendants(new org.jdom2.filter.ElementFilter())) {
            if (isAtom03Base64(e) || isAtom10MimeTyped(e)) encoded.add(e);
        }
        for (Element e : encoded) {
            boolean atom10 = !isAtom03Base64(e);
            String type = lower(e.getAttributeValue("type"));
            if (atom10 && (type.startsWith("multipart/") || type.startsWith("message/"))) {
                e.setAttribute("type", "text");
                continue;
            }
            String decoded = isMediaType(type) ? null : decodeText(e.getText());
            if (decoded == null) {
                e.detach();
                continue;
            }
            e.setContent(new org.jdom2.Text(decoded));
            if (atom10) e.setAttribute("type", "html");
            else e.setAttribute("mode", "escaped");
        }
    }

    private static boolean isAtom03Base64(Element e) {
        return "base64".equalsIgnoreCase(e.getAttributeValue("mode"));
    }

    /**
     * Atom 1.0 says a text construct or content whose type is a MIME type other than text or XML is base64. Only
     * the elements that carry text: a link's or an enclosure's type says what it points at.
     */
    private static boolean isAtom10MimeTyped(Element e) {
        if (!e.getNamespaceURI().equals(ATOM) || !TEXT_ELEMENTS.contains(e.getName())) return false;
        String type = e.getAttributeValue("type");
        if (type == null || e.getAttribute("src") != null) return false;
        String t = lower(type);
        return t.contains("/") && !t.startsWith("text/") && !t.endsWith("+xml") && !t.endsWith("/xml");
    }

    private static boolean isMediaType(String type) {
        return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")
                || type.startsWith("font/") || type.startsWith("model/");
    }

    /** The base64 text decoded as UTF-8, or null when it is not base64 or the bytes are not text XML can carry. */
    private static String decodeText(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
        return Verifier.checkCharacterData(text) == null ? text : null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /** The xml:base of an element resolved against its parent's; an unusable xml:base (javascript:, junk) is ignored. */
    static URI base(Element e, URI parentBase) {
        String declared = e.getAttributeValue("base", XML);
        if (declared == null || declared.isBlank()) return parentBase;
        URI resolved = RomeMapper.resolve(parentBase, declared);
        if (resolved == null) return parentBase;
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? resolved : parentBase;
    }

    /** An RSS item's XHTML {@code <body>} or {@code <fullitem>}: content that Rome does not read. */
    private static String body(Element entry) {
        for (Element e : entry.getChildren()) {
            if (e.getName().equals("body")) {
                if (e.getChildren().isEmpty()) return e.getText();
                return new org.jdom2.output.XMLOutputter(org.jdom2.output.Format.getRawFormat())
                        .outputString(e.getContent()).replaceAll(" xmlns(:\\w+)?=\"[^\"]*\"", "");
            }
            if (e.getName().equals("fullitem")) return e.getText();
        }
        return null;
    }

    private static String credit(Element entry) {
        for (Element e : entry.getDescendants(new org.jdom2.filter.ElementFilter("credit", Namespace.getNamespace(MEDIA)))) {
            String t = e.getTextNormalize();
            if (!t.isEmpty()) return t;
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        for (Element e : parent.getChildren()) {
            if (e.getName().equals(name)) return e;
        }
        return null;
    }

    private static Element first(Element parent, String... names) {
        for (String name : names) {
            for (Element e : parent.getChildren()) {
                if (e.getName().equals(name) && !e.getNamespaceURI().equals(MEDIA)) return e;
            }
        }
        return null;
    }

    /** Atom's content, else content:encoded. */
    private static Element firstNs(Element parent, String atomName, String encodedName) {
        for (Element e : parent.getChildren()) {
            if (e.getName().equals(atomName) && !e.getNamespaceURI().equals(MEDIA)) return e;
        }
        for (Element e : parent.getChildren()) {
            if (e.getName().equals(encodedName) && e.getNamespaceURI().equals(CONTENT)) return e;
        }
        return null;
    }

    /** The first non-blank text among the named children; a name with a namespace URI prefix must match it. */
    private static String text(Element parent, String... names) {
        for (String qualified : names) {
            int cut = qualified.lastIndexOf('/');
            String ns = cut >= 0 ? qualified.substring(0, cut + 1) : null;
            String local = cut >= 0 ? qualified.substring(cut + 1) : qualified;
            for (Element e : parent.getChildren()) {
                if (!e.getName().equals(local)) continue;
                boolean nsOk = ns == null ? !e.getNamespaceURI().equals(DC) && !e.getNamespaceURI().equals(DCTERMS)
                        && !e.getNamespaceURI().equals(EVENT) : e.getNamespaceURI().equals(ns)
                        || e.getNamespaceURI().equals(ns.substring(0, ns.length() - 1));
                String t = e.getTextNormalize();
                if (nsOk && !t.isEmpty()) return t;
            }
        }
        return null;
    }
}
