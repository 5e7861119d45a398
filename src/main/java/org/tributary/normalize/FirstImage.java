package org.tributary.normalize;

import java.net.URI;
import org.jsoup.nodes.Element;

/**
 * The first real picture in sanitized HTML (already absolute, tracking pixels already gone), for items with none, and
 * the alt text its {@code <img>} gives it.
 */
final class FirstImage {

    /** A picture and its alt attribute as written, null when the img has none (an empty alt is kept as "": "this
     *  picture is decoration" is what its author said). */
    record Found(URI url, String alt) {}

    private FirstImage() {}

    /** @param sanitizedBody the sanitizer's cleaned tree (no second parse of its HTML), may be null */
    static Found in(Element sanitizedBody) {
        if (sanitizedBody == null) return null;
        for (Element img : sanitizedBody.getElementsByTag("img")) {
            if (!img.hasAttr("src")) continue;
            URI uri = Urls.absoluteHttp(XmlChars.clean(img.attr("src")), null);
            if (uri != null) return new Found(uri, img.hasAttr("alt") ? img.attr("alt") : null);
        }
        return null;
    }

    /** The alt of the first {@code <img>} showing {@code url}, when the feed named the picture apart from its HTML. */
    static String altOf(Element sanitizedBody, URI url) {
        if (sanitizedBody == null || url == null) return null;
        for (Element img : sanitizedBody.getElementsByTag("img")) {
            if (img.hasAttr("alt") && url.equals(Urls.absoluteHttp(XmlChars.clean(img.attr("src")), null))) {
                return img.attr("alt");
            }
        }
        return null;
    }
}
