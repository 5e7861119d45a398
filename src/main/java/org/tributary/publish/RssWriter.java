package org.tributary.publish;

import com.rometools.modules.atom.modules.AtomLinkModuleImpl;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.rss.Source;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * RSS 2.0 built as Rome's RSS model. What RSS cannot say natively comes from the usual namespaces:
 * atom:link for self and hub (and, inside an item, rel="related" for "also from ..."), dc:creator for author names (RSS author must be an e-mail address),
 * content:encoded for full content, media:thumbnail for the image.
 */
final class RssWriter {

    RssWriter() {
    }

    String write(FeedView view) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(Texts.line(view.title()));
        channel.setLink(view.homeUrl());
        String description = Texts.clean(view.description()).strip();
        // description is required in RSS 2.0; the title is the honest fallback.
        channel.setDescription(description.isEmpty() ? channel.getTitle() : description);
        channel.setLanguage(Texts.line(view.site().language()));
        channel.setLastBuildDate(Date.from(view.updated()));
        channel.setPubDate(Date.from(view.updated()));
        channel.setGenerator("Tributary");
        channel.setDocs("https://www.rssboard.org/rss-specification");
        channel.setModules(List.of(atomLinks(view)));
        String icon = SiteIcon.feedUrl(view.site());
        if (icon != null) {
            // RSS 2.0 requires all three: the image, the channel's title and its link, which the image points to.
            com.rometools.rome.feed.rss.Image image = new com.rometools.rome.feed.rss.Image();
            image.setUrl(icon);
            image.setTitle(channel.getTitle());
            image.setLink(channel.getLink());
            // Rome's -1 would be written and refused; unset, readers take RSS 2.0's default size.
            image.setWidth(null);
            image.setHeight(null);
            channel.setImage(image);
        }

        List<Item> items = new ArrayList<>();
        for (var stored : view.items()) items.add(item(PublishedItem.of(stored, view.sources(), view.site()).credited(view.site().sourceCredit()), view.site().timezone()));
        channel.setItems(items);
        return Rome.write(channel, null);
    }

    private static Module atomLinks(FeedView view) {
        AtomLinkModuleImpl module = new AtomLinkModuleImpl();
        module.setLinks(Rome.feedLinks(view, FeedFormat.RSS));
        return module;
    }

    private static Item item(PublishedItem entry, java.time.ZoneId zone) {
        Item item = new Item();
        item.setTitle(entry.title());
        if (entry.link() != null) item.setLink(entry.link());
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(entry.id());
        item.setGuid(guid);
        item.setPubDate(Date.from(entry.published()));

        String summary = entry.summaryOrContentHtml();
        Description description = new Description();
        description.setType("text/html");
        // The excerpt is plain text; escaped once more it is still plain text once a reader decodes it as HTML.
        description.setValue(summary.isEmpty() ? Entities.escape(entry.excerpt()) : summary);
        if (!description.getValue().isEmpty()) item.setDescription(description);

        item.setCategories(categories(entry));
        if (entry.source().feedUrl() != null) {
            Source source = new Source();
            source.setUrl(entry.source().feedUrl());
            source.setValue(entry.source().title());
            item.setSource(source);
        }

        List<Module> modules = new ArrayList<>();
        if (!entry.authors().isEmpty()) {
            DCModuleImpl dc = new DCModuleImpl();
            dc.setCreators(entry.authors());
            modules.add(dc);
        }
        if (!entry.contentHtml().isEmpty()) {
            // Rome's own content:encoded writes escaped text; the content module's writes CDATA, which a
            // "]]>" in the HTML would break.
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(entry.contentHtml());
            item.setContent(content);
        }
        // media:thumbnail only: an <enclosure> needs the file's real type and length, which a guess from the
        // extension and "0" are not (the W3C validator and podcast clients take an enclosure as a download).
        if (entry.image() != null) modules.add(Rome.thumbnail(entry.image(), entry.imageCredit()));
        item.setForeignMarkup(EventElements.of(entry.event(), zone));
        List<Link> related = Rome.alsoFrom(entry);
        if (!related.isEmpty()) {
            // RSS 2.0 has no related link; atom:link inside the item is the common extension (as for self and hub).
            AtomLinkModuleImpl atom = new AtomLinkModuleImpl();
            atom.setLinks(related);
            modules.add(atom);
        }
        item.setModules(modules);
        return item;
    }

    private static List<Category> categories(PublishedItem entry) {
        List<Category> out = new ArrayList<>();
        if (!entry.type().isEmpty()) out.add(category(entry.type(), Rome.TYPE_SCHEME));
        for (String c : entry.categories()) out.add(category(c, null));
        return out;
    }

    private static Category category(String value, String domain) {
        Category c = new Category();
        c.setValue(value);
        if (domain != null) c.setDomain(domain);
        return c;
    }
}
