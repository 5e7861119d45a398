package org.tributary.normalize;

import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Allow-list sanitizing on a real HTML parser: what is not listed does not survive. Relative links and images are made
 * absolute against the entry's base (a relative URL without a base cannot be trusted and is dropped), links get
 * rel="nofollow noopener ugc", and 1×1 tracking images go.
 */
final class HtmlSanitizer {

    private final Cleaner cleaner = new Cleaner(safelist());

    /** jsoup's relaxed list, narrowed: no active or document-level elements, no style, http(s) and mail links only. */
    static Safelist safelist() {
        return Safelist.relaxed()
                .removeTags("script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta",
                        "link")
                .removeProtocols("a", "href", "ftp")
                .addEnforcedAttribute("a", "rel", "nofollow noopener ugc")
                .preserveRelativeLinks(false);
    }

    String sanitize(String html, URI base) {
        if (html == null || html.isBlank()) return "";
        Document dirty = Jsoup.parseBodyFragment(XmlChars.clean(html), base == null ? "" : base.toString());
        Document clean = cleaner.clean(dirty);
        clean.outputSettings().prettyPrint(false);
        dropUselessElements(clean.body());
        return XmlChars.clean(clean.body().html().trim());
    }

    private static void dropUselessElements(Element body) {
        for (Element img : body.select("img")) {
            if (!img.hasAttr("src") || isTrackingPixel(img)) img.remove();
        }
        // A link whose href was unsafe (javascript:, relative without base) keeps its text but not the anchor.
        for (Element a : body.select("a")) {
            if (!a.hasAttr("href")) a.unwrap();
        }
    }

    private static boolean isTrackingPixel(Element img) {
        return tiny(img.attr("width")) && tiny(img.attr("height"));
    }

    private static boolean tiny(String dimension) {
        String d = dimension.trim().replace("px", "");
        return d.equals("0") || d.equals("1");
    }
}
