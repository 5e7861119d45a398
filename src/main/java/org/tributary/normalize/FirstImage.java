package org.tributary.normalize;

import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** The first real picture in sanitized HTML (already absolute, tracking pixels already gone), for items with none. */
final class FirstImage {

    private FirstImage() {}

    static URI in(String sanitizedHtml) {
        if (sanitizedHtml == null || !sanitizedHtml.contains("<img")) return null;
        for (Element img : Jsoup.parseBodyFragment(sanitizedHtml).select("img[src]")) {
            URI uri = Urls.absoluteHttp(img.attr("src"), null);
            if (uri != null) return uri;
        }
        return null;
    }
}
