package org.tributary.publish;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.tributary.config.Site;

/**
 * Puts our own pages under the base URL's path. The writers link our documents from the server's root
 * ("/assets/style.css", "/topics/x"); when site.base_url has a path ({@code https://library.example.org/news}) every
 * such link must start with it, or a site behind a proxy or exported into a sub-directory loads no style and links
 * nowhere. Done once over the finished DOM, so a link added to a page later is covered too. Absolute URLs,
 * scheme-relative ones ("//host/") and fragments are left alone; a writer never adds the base path itself.
 */
public final class SitePaths {

    private static final String[] ATTRIBUTES = {"href", "src"};

    private SitePaths() {
    }

    /** Prefixes every root-relative link in the document with the site's base path (nothing when it has none). */
    public static void rebase(Document doc, Site site) {
        String base = site.basePath();
        if (base.isEmpty()) return;
        for (String name : ATTRIBUTES) {
            for (Element e : doc.select("[" + name + "]")) {
                String value = e.attr(name);
                if (value.startsWith("/") && !value.startsWith("//")) e.attr(name, base + value);
            }
        }
    }
}
