package org.tributary.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.normalize.Item;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;
import org.tributary.testing.Items;
import org.tributary.testing.StoredItems;

/** A real server on loopback over a real H2 file, with a two-topic config and items made to order. */
final class WebFixture implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    final Config config;
    final Database database;
    final Store store;
    final WebServer web;
    final int port;
    private int next;

    WebFixture(Path dataDir, String hub) throws Exception {
        this(dataDir, hub, InstantSource.system());
    }

    WebFixture(Path dataDir, String hub, InstantSource clock) throws Exception {
        this(clock, dataDir, yaml(hub));
    }

    /** @param baseUrl site.base_url, e.g. one with a path where a proxy puts the server */
    WebFixture(Path dataDir, String hub, InstantSource clock, String baseUrl) throws Exception {
        this(clock, dataDir, yaml(hub).replace("base_url: http://feeds.example.org", "base_url: " + baseUrl));
    }

    /** The same config with {@code site.language} set. */
    static WebFixture inLanguage(Path dataDir, String language) throws Exception {
        return new WebFixture(InstantSource.system(), dataDir,
                yaml(null).replace("  items: 5\n", "  items: 5\n  language: " + language + "\n"));
    }

    /** The same config with more keys under {@code site:} (each line indented by two spaces). */
    static WebFixture withSite(Path dataDir, String siteLines) throws Exception {
        return new WebFixture(InstantSource.system(), dataDir, yaml(null).replace("  items: 5\n", "  items: 5\n" + siteLines));
    }

    private WebFixture(InstantSource clock, Path dataDir, String yaml) throws Exception {
        config = new ConfigLoader().parse("feeds.yml", yaml);
        database = Database.h2(dataDir);
        store = new Store(database, true);
        web = new WebServer(WebServer.Parts.of(() -> config, store, database, new Publisher(),
                new SourceStatus(() -> config, store, id -> Optional.empty())).withClock(clock));
        port = web.start("127.0.0.1", 0);
    }

    static String yaml(String hub) {
        return """
                site:
                  title: Most Recently Added
                  description: News and webinars from our partners
                  link: https://library.example.org/
                  base_url: http://feeds.example.org
                  items: 5
                %s
                types: [News, Webinar]
                topics:
                  - id: partnerships
                    title: Partnerships & collaboration
                    description: When the library builds partnerships, it strengthens the ties to its community.
                    image: { url: "https://library.example.org/img/p.jpg", credit: "Photo: jenlen, CC BY-NC-ND 2.0" }
                  - id: programming
                    title: Library programming
                sources:
                  - id: partner
                    title: Programming Librarian
                    url: https://programminglibrarian.example/feed
                    home: https://programminglibrarian.example/
                    kind: partner
                    topics: [partnerships, programming]
                """.formatted(hub == null ? "" : "  hub: " + hub);
    }

    /** Stores an item of source "partner" in a fetch of its own, seen at {@code seen}. Returns its public id. */
    String add(String title, String type, Instant published, Instant seen, String topic) {
        String id = "x" + (next++);
        Item item = Items.item("partner", "guid:" + id).publicId("pid-" + id).guid(id)
                .link("https://example.org/" + id).title(title).summaryHtml("<p>" + title + "</p>")
                .excerpt("Excerpt of " + title).type(type).topics(topic).authors("Ann").published(published)
                .contentHash("h" + id).build();
        StoredItems.saveFetched(store, "partner", "u", null, null, List.of(item), Set.of(), seen);
        return item.publicId();
    }

    /** Stores an event item of source "partner" (type Webinar, in {@code topic}). Returns its public id. */
    String addEvent(String title, org.tributary.normalize.Event event, Instant published, String topic) {
        String id = "x" + (next++);
        Item item = Items.item("partner", "guid:" + id).publicId("pid-" + id).guid(id)
                .link("https://example.org/" + id).title(title).summaryHtml("<p>" + title + "</p>")
                .excerpt("Excerpt of " + title).type("Webinar").topics(topic).authors("Ann").published(published)
                .contentHash("h" + id).event(event).build();
        org.tributary.testing.StoredItems.saveFetched(store, "partner", "u", null, null, List.of(item), Set.of(), published);
        return item.publicId();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** The path and query of one of our absolute URLs (base_url is not where the test server listens). */
    static String local(String absolute) {
        URI u = URI.create(absolute);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    @Override
    public void close() {
        web.close();
        database.close();
    }
}
