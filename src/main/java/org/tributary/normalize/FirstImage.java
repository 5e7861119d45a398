package org.tributary.normalize;

import java.net.URI;
import org.jsoup.nodes.Element;

/** The first real picture in sanitized HTML (already absolute, tracking pixels already gone), for items with none. */
final class FirstImage {

    private FirstImage() {}

    /** @param sanitizedBody the sanitizer's cleaned tree (no second parse of its HTML), may be null */
    static URI in(Element sanitizedBody) {
        if (sanitizedBody == null) return null;
        for (Element img : sanitizedBody.getElementsByTag("img")) {
            if (!img.hasAttr("src")) continue;
            URI uri = Urls.absoluteHttp(XmlChars.clean(img.attr("src")), null);
            if (uri != null) return uri;
        }
        return null;
    }
}
