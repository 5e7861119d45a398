package org.tributary.publish;

import org.jsoup.nodes.Element;

/**
 * What the HTML page and /embed show of an item beyond its text: its picture, and the language its own words are
 * in. The picture is a figure whose img always has an alt ("" when the feed says nothing: decoration to a screen
 * reader, never a file name read aloud), loads lazily and decodes off the main thread; its media:credit is the
 * caption. Its URL is {@link PublishedItem#image()}, computed in one place.
 */
final class ItemFigure {

    private ItemFigure() {}

    /** Appends the item's figure to {@code parent}; nothing when the item has no image. */
    static void append(Element parent, PublishedItem item) {
        if (item.image() == null) return;
        Element figure = parent.appendElement("figure").addClass("item-image");
        figure.appendElement("img").attr("src", item.image()).attr("alt", item.imageAlt() == null ? "" : item.imageAlt())
                .attr("loading", "lazy").attr("decoding", "async");
        if (item.imageCredit() != null) figure.appendElement("figcaption").text(item.imageCredit());
    }

    /**
     * Marks the article as in the item's language when its feed declares another than the page's, and the lines
     * the page writes itself inside it (type and date, event, source: {@code ours}) as in the page's again.
     */
    static void language(Element article, PublishedItem item, String pageLang, Element... ours) {
        String lang = item.langWithin(pageLang);
        if (lang == null) return;
        article.attr("lang", lang);
        for (Element line : ours) line.attr("lang", pageLang);
    }
}
