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

    /** Appends the item's figure to {@code parent}, its credit as the caption; nothing when the item has no image. */
    static void append(Element parent, PublishedItem item) {
        Element figure = thumbnail(parent, item);
        if (figure != null && item.imageCredit() != null) figure.appendElement("figcaption").text(item.imageCredit());
    }

    /**
     * Appends the item's figure without a caption (null when the item has no image): /embed floats it beside the
     * item's lines and gives the credit a line of its own among them ({@link #credit}), where a caption under a
     * narrow thumbnail would wrap into a tall column.
     */
    static Element thumbnail(Element parent, PublishedItem item) {
        if (item.image() == null) return null;
        Element figure = parent.appendElement("figure").addClass("item-image");
        figure.appendElement("img").attr("src", item.image()).attr("alt", item.imageAlt() == null ? "" : item.imageAlt())
                .attr("loading", "lazy").attr("decoding", "async");
        return figure;
    }

    /** Appends the image's credit as a line of the item's (class credit); nothing without an image or a credit. */
    static void credit(Element parent, PublishedItem item) {
        if (item.image() != null && item.imageCredit() != null) {
            parent.appendElement("p").addClass("credit").text(item.imageCredit());
        }
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
