package org.tributary.parse;

import java.net.URI;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The feed an HTML page points to with {@code <link rel="alternate" type="application/rss+xml|atom+xml">}: when a
 * source's URL is a partner's home page, the failure names the URL the operator probably meant.
 */
final class AdvertisedFeed {

    private static final String SELECTOR = "link[rel~=(?i)(^|\\s)alternate(\\s|$)][type~=(?i)^\\s*application/(rss|atom)\\+xml]";

    private AdvertisedFeed() {}

    static Optional<URI> find(String html, URI base) {
        Document page = Jsoup.parse(html, base == null ? "" : base.toString());
        for (Element link : page.select(SELECTOR)) {
            String href = base == null ? link.attr("href") : link.absUrl("href");
            if (href.isBlank()) continue;
            try {
                URI uri = new URI(href.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (scheme.equals("http") || scheme.equals("https")) return Optional.of(uri);
            } catch (java.net.URISyntaxException unusable) {
                // try the next one
            }
        }
        return Optional.empty();
    }
}
