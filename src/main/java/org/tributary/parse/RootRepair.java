package org.tributary.parse;

import java.util.List;
import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Documents Rome would refuse or read as empty, made into the feed they mean before anyone reads them: an Atom entry
 * document ({@code <entry>} at the root, RFC 4287 5.1's other document type) is a feed of that one entry, a
 * {@code <feed>} without a namespace is Atom (1.0, or 0.3 when it says version="0.3"), as feed readers take it, an
 * {@code <rss>} whose items sit directly under it without a {@code <channel>} has them in one, and an Atom
 * {@code <link>} written with its URL as text instead of an href attribute has that href.
 */
final class RootRepair {

    static final Namespace ATOM10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final Namespace ATOM03 = Namespace.getNamespace("http://purl.org/atom/ns#");
    private static final List<String> TEXT_CONSTRUCTS = List.of("title", "subtitle", "tagline", "summary", "content",
            "rights", "copyright", "info");

    private RootRepair() {}

    static void repair(Document doc) {
        Element root = doc.getRootElement();
        if (root.getName().equals("rss") && root.getNamespaceURI().isEmpty() && root.getChild("channel") == null
                && root.getChild("item") != null) {
            Element channel = new Element("channel");
            channel.addContent(root.removeContent());
            root.addContent(channel);
        }
        if (root.getName().equals("feed") && root.getNamespaceURI().isEmpty()) {
            boolean v03 = "0.3".equals(root.getAttributeValue("version"));
            intoNamespace(root, v03 ? ATOM03 : ATOM10);
        }
        root = doc.getRootElement();
        if (root.getName().equals("entry") && (root.getNamespaceURI().isEmpty() || isAtom(root.getNamespace()))) {
            if (root.getNamespaceURI().isEmpty()) intoNamespace(root, ATOM10);
            Element feed = new Element("feed", root.getNamespace());
            // The entry keeps its own xml:base and xml:lang; the feed says in what language the document is.
            Attribute lang = root.getAttribute("lang", Namespace.XML_NAMESPACE);
            if (lang != null) feed.setAttribute(lang.clone());
            for (Namespace extra : root.getAdditionalNamespaces()) feed.addNamespaceDeclaration(extra);
            Element source = root.getChild("source", root.getNamespace());
            Element title = source == null ? null : source.getChild("title", root.getNamespace());
            if (title != null) feed.addContent(title.clone());
            doc.setRootElement(feed);
            feed.addContent(root);
        }
        if (isAtom(doc.getRootElement().getNamespace())) linkTextAsHref(doc.getRootElement());
    }

    /** {@code <link rel="alternate">https://…</link>}: the text is the only URL the link has. */
    private static void linkTextAsHref(Element feed) {
        for (Element link : feed.getDescendants(new org.jdom2.filter.ElementFilter("link", feed.getNamespace()))) {
            String text = link.getTextTrim();
            if (link.getAttribute("href") == null && !text.isEmpty() && link.getChildren().isEmpty()) {
                link.setAttribute("href", text);
            }
        }
    }

    private static boolean isAtom(Namespace ns) {
        return ns.getURI().equals(ATOM10.getURI()) || ns.getURI().equals(ATOM03.getURI());
    }

    /** Moves the namespace-less elements into the namespace, except XHTML inside a text construct, which is not Atom. */
    private static void intoNamespace(Element e, Namespace ns) {
        if (!e.getNamespaceURI().isEmpty()) return;
        e.setNamespace(ns);
        if (TEXT_CONSTRUCTS.contains(e.getName()) && "xhtml".equals(e.getAttributeValue("type"))) return;
        for (Content c : e.getContent()) {
            if (c instanceof Element child) intoNamespace(child, ns);
        }
    }
}
