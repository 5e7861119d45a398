package org.tributary.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the three demo partners publish. Feeds are templates: {@code {{base}}} becomes the server's own
 * http://127.0.0.1:PORT, so absolute links and images work on whatever port the demo (or a test) got.
 * The Atom feed needs no template: it uses a relative xml:base, the way many library sites publish.
 */
final class DemoSite {

    static final List<String> FEEDS = List.of(
            "/feeds/programming-exchange.rss", "/feeds/riverside-library.atom", "/feeds/tri-county-webinars.rdf",
            "/feeds/westfield-events.ics", "/feeds/westfield-libcal.rss");
    /** {{day+N}} and {{daycompact+N}}: N days after the server started, so the demo's events are always ahead. */
    private static final Pattern DAY = Pattern.compile("\\{\\{day(compact)?\\+(\\d+)\\}\\}");

    private static final List<String> IMAGES = List.of("makerspace", "repair-cafe", "vr-lab", "partnerships");
    private static final List<String> SITES = List.of("/programming-exchange/", "/riverside/", "/tri-county/",
            "/westfield/");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9/-]+");

    private final Map<String, ServedFile> documents;
    private final Instant modified;

    /**
     * @param base     http://127.0.0.1:PORT, no trailing slash
     * @param modified the Last-Modified of everything served
     */
    DemoSite(String base, Instant modified) {
        this.modified = modified;
        Map<String, ServedFile> loaded = new LinkedHashMap<>();
        loaded.put(FEEDS.get(0), feed(FEEDS.get(0), "application/rss+xml; charset=utf-8", base));
        loaded.put(FEEDS.get(1), feed(FEEDS.get(1), "application/atom+xml; charset=utf-8", base));
        loaded.put(FEEDS.get(2), feed(FEEDS.get(2), "application/rdf+xml; charset=utf-8", base));
        loaded.put(FEEDS.get(3), feed(FEEDS.get(3), "text/calendar; charset=utf-8", base));
        loaded.put(FEEDS.get(4), feed(FEEDS.get(4), "application/rss+xml; charset=utf-8", base));
        for (String image : IMAGES) {
            String path = "/images/" + image + ".svg";
            loaded.put(path, ServedFile.of("image/svg+xml", resource(path), modified, false));
        }
        StringBuilder index = new StringBuilder("Tributary demo partners (the bundled offline demo)\n\n");
        FEEDS.forEach(path -> index.append(base).append(path).append('\n'));
        loaded.put("/", ServedFile.of("text/plain; charset=utf-8", utf8(index.toString()), modified, false));
        this.documents = Map.copyOf(loaded);
    }

    /** The document at this path, or null for a 404. */
    ServedFile find(String path) {
        ServedFile document = documents.get(path);
        return document != null ? document : articlePage(path);
    }

    /**
     * The item links in the feeds point at these three sites; each answers with a short stand-in page so a click
     * in the demo lands somewhere rather than on a 404.
     */
    private ServedFile articlePage(String path) {
        if (SITES.stream().noneMatch(path::startsWith) || !SLUG.matcher(path).matches()) return null;
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Demo article</title></head>
                <body><h1>Demo article</h1>
                <p>This page belongs to Tributary's bundled offline demo. The partner's text is in its feed;
                this stand-in only shows where the link leads: <code>%s</code>.</p>
                </body></html>
                """.formatted(path);
        return ServedFile.of("text/html; charset=utf-8", utf8(html), modified, false);
    }

    private ServedFile feed(String path, String contentType, String base) {
        String text = new String(resource(path), StandardCharsets.UTF_8).replace("{{base}}", base);
        java.time.LocalDate today = modified.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        text = DAY.matcher(text).replaceAll(m -> {
            java.time.LocalDate day = today.plusDays(Long.parseLong(m.group(2)));
            return m.group(1) == null ? day.toString() : day.toString().replace("-", "");
        });
        return ServedFile.of(contentType, utf8(text), modified, true);
    }

    private static byte[] resource(String path) {
        String name = "demo" + path;
        try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
