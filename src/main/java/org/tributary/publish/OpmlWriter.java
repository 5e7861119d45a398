package org.tributary.publish;

import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.tributary.config.Site;
import org.tributary.config.Source;
import org.tributary.config.Topic;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * OPML 2.0 (http://opml.org/spec2.opml) of the sources, for readers that subscribe to all partners at once.
 * Written with the JDK's DOM serializer, which escapes attributes; the strings are cleaned first because it
 * would happily write a character XML 1.0 forbids.
 */
final class OpmlWriter {

    OpmlWriter() {
    }

    /** @param topic only the sources in this topic, or all when null */
    String write(Site site, List<Source> sources, Topic topic) {
        Document doc = newDocument();
        Element opml = doc.createElement("opml");
        opml.setAttribute("version", "2.0");
        doc.appendChild(opml);

        Element head = append(opml, "head");
        String title = topic == null ? site.title() + " — sources" : topic.title() + " — sources";
        append(head, "title").setTextContent(Texts.line(title));
        append(head, "docs").setTextContent("http://opml.org/spec2.opml");

        Element body = append(opml, "body");
        for (Source source : sources) {
            if (topic != null && !source.topics().contains(topic.id())) continue;
            String xmlUrl = Texts.http(source.url());
            if (xmlUrl == null) continue;   // the config guarantees it; an outline without xmlUrl is useless
            Element outline = append(body, "outline");
            String name = Texts.line(source.title());
            outline.setAttribute("text", name);
            outline.setAttribute("title", name);
            outline.setAttribute("type", "rss");   // OPML's word for any subscribable feed, Atom included
            outline.setAttribute("xmlUrl", xmlUrl);
            String home = Texts.http(source.home());
            if (home != null) outline.setAttribute("htmlUrl", home);
            String categories = String.join(",", source.topics().stream().map(Texts::line).toList());
            if (!categories.isEmpty()) outline.setAttribute("category", categories);
        }
        return serialize(doc);
    }

    private static Element append(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("publish: no XML DOM available", e);
        }
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            var transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            // Written by hand: the JDK puts its own declaration and the root element on one line.
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter().append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("publish: cannot write OPML: " + e.getMessage(), e);
        }
    }
}
