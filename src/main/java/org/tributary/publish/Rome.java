package org.tributary.publish;

import com.rometools.modules.mediarss.MediaEntryModuleImpl;
import com.rometools.modules.mediarss.types.Credit;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import com.rometools.rome.feed.atom.Link;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * What the Atom and RSS writers share: turning a Rome model into text (Rome's checked exception stops here)
 * and the parts both formats carry the same way.
 */
final class Rome {

    /** Scheme (Atom) and domain (RSS) of the category that carries our item type, to tell it from free tags. */
    static final String TYPE_SCHEME = "urn:tributary:type";

    private Rome() {
    }

    /**
     * @param language the feed's language; written as xml:lang on the root element because Rome's Atom 1.0
     *                 generator drops {@code Feed.setLanguage} (RSS has its own element, so pass null there)
     */
    static String write(WireFeed feed, String language) {
        return write(feed, language, doc -> { });
    }

    /** @param finish what the writer adds to the tree that Rome's model cannot say (an entry's xml:lang) */
    static String write(WireFeed feed, String language, java.util.function.Consumer<Document> finish) {
        try {
            Document doc = new WireFeedOutput().outputJDom(feed);
            finish.accept(doc);
            // Declared once on the root, as the Media RSS and Dublin Core namespaces are, not on every ev: element.
            if (doc.getRootElement().getDescendants(org.jdom2.filter.Filters.element(EventElements.NAMESPACE))
                    .hasNext()) {
                doc.getRootElement().addNamespaceDeclaration(EventElements.NAMESPACE);
            }
            if (language != null && !language.isEmpty()) {
                doc.getRootElement().setAttribute("lang", language, Namespace.XML_NAMESPACE);
            }
            return new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(doc);
        } catch (FeedException | IllegalArgumentException e) {
            // Every string was cleaned and every URL checked before it got here: this is a bug, not bad input.
            throw new IllegalStateException("publish: cannot write " + feed.getFeedType() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The feed-level links both XML formats carry (as atom:link in RSS): self, the WebSub hub when configured, and
     * RFC 5005's first / previous / next when the view has more than one page.
     */
    static List<Link> feedLinks(FeedView view, FeedFormat format) {
        List<Link> links = new ArrayList<>();
        links.add(link("self", view.selfUrl(format), format.mediaType()));
        String hub = Texts.http(view.site().hub());
        if (hub != null) links.add(link("hub", hub, null));
        Paging paging = view.paging();
        if (paging.paged()) {
            links.add(link("first", view.pageUrl(format, Paging.Ref.FIRST), format.mediaType()));
            if (paging.previous() != null) {
                links.add(link("previous", view.pageUrl(format, paging.previous()), format.mediaType()));
            }
            if (paging.next() != null) links.add(link("next", view.pageUrl(format, paging.next()), format.mediaType()));
        }
        return links;
    }

    static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        if (type != null) link.setType(type);
        return link;
    }

    /**
     * "Also from ...": one rel="related" link per other source that carried the story, to its own copy (else its home
     * page), titled with its name. Sources with neither link are credited on the HTML page only.
     */
    static List<Link> alsoFrom(PublishedItem item) {
        List<Link> links = new ArrayList<>();
        for (PublishedItem.OtherCopy copy : item.otherCopies()) {
            if (copy.link() == null) continue;
            Link link = link("related", copy.link(), "text/html");
            link.setTitle(copy.label());
            links.add(link);
        }
        return links;
    }

    /**
     * media:thumbnail, which readers use to show an image beside the entry in both Atom and RSS, and media:credit
     * when the source named who made the image (a photo's licence often requires the name to travel with it).
     */
    static Module thumbnail(String url, String credit) {
        Metadata metadata = new Metadata();
        metadata.setThumbnail(new Thumbnail[] {new Thumbnail(URI.create(url))});
        if (credit != null && !credit.isEmpty()) metadata.setCredits(new Credit[] {new Credit(null, null, credit)});
        MediaEntryModuleImpl media = new MediaEntryModuleImpl();
        media.setMetadata(metadata);
        return media;
    }
}
