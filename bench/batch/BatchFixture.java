import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * The batch benchmark's partners: N feeds × M items on one loopback server, 60 % RSS 2.0, 30 % Atom 1.0, 10 % RSS 1.0,
 * each item with a distinct link and text, a title drawn from a small vocabulary (as real library titles are), and a
 * 0.3–2 KB HTML body. Every response carries an ETag and a Last-Modified and a conditional request that matches gets
 * a 304; {@code latencyMs} delays every answer. Fixed seed: the same arguments give the same bytes.
 *
 * <p>Writes into {@code dir}: {@code urls.txt} (one URL a line), {@code feeds.yml} for Tributary, {@code osmosfeed.yaml}
 * for osmosfeed, {@code items.txt} (the number of distinct items served), then serves until killed and prints
 * {@code ready PORT} on standard output once listening.
 *
 * <pre>java -cp 'target/classes:target/lib/*' bench/batch/BatchFixture.java dir=target/batch feeds=500 items=20 latencyMs=0</pre>
 */
public final class BatchFixture {

    private static final String[] TITLES = {"Storytime", "Board meeting", "Closed for the holiday", "Book club",
        "Teen advisory group", "Summer reading kickoff", "Tech help drop-in", "Author talk", "Library closed",
        "New e-books this month", "Friends of the Library book sale", "Webinar: digital literacy"};
    private static final String[] WORDS = ("library patrons community reading program children adults digital "
            + "archive collection branch volunteers grant workshop history local literacy services catalogue "
            + "research families museum partners makerspace exhibit").split(" ");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Instant NEWEST = Instant.parse("2026-11-30T12:00:00Z");

    record Feed(String path, String contentType, byte[] body, String etag, String lastModified) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("dir", "target/batch", "feeds", "500", "items", "20",
                "latencyMs", "0", "port", "0", "seed", "42"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path dir = Path.of(opts.get("dir"));
        int feeds = Integer.parseInt(opts.get("feeds"));
        int items = Integer.parseInt(opts.get("items"));
        int latencyMs = Integer.parseInt(opts.get("latencyMs"));
        Random random = new Random(Long.parseLong(opts.get("seed")));

        Map<String, Feed> byPath = new HashMap<>();
        for (int f = 0; f < feeds; f++) {
            Feed feed = feed(f, items, random);
            byPath.put(feed.path(), feed);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(opts.get("port"))),
                4096);
        server.setExecutor(Executors.newFixedThreadPool(128));
        server.createContext("/", exchange -> answer(exchange, byPath.get(exchange.getRequestURI().getPath()),
                latencyMs));
        server.start();
        int port = server.getAddress().getPort();
        writeConfigs(dir, port, feeds, items);
        System.out.println("ready " + port);
        System.out.flush();
    }

    private static void answer(HttpExchange exchange, Feed feed, int latencyMs) throws IOException {
        try (exchange) {
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            if (feed == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", feed.etag());
            exchange.getResponseHeaders().set("Last-Modified", feed.lastModified());
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            if (feed.etag().equals(ifNoneMatch)
                    || (ifNoneMatch == null && feed.lastModified().equals(ifModifiedSince))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", feed.contentType());
            exchange.sendResponseHeaders(200, feed.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(feed.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Feed feed(int f, int items, Random random) {
        String id = String.format(Locale.ROOT, "lib%04d", f);
        String home = "https://" + id + ".example.org/";
        int kind = f % 10; // 0–5 RSS 2.0, 6–8 Atom, 9 RSS 1.0
        StringBuilder xml = new StringBuilder(items * 1500);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String contentType;
        if (kind <= 5) {
            contentType = "application/rss+xml; charset=utf-8";
            xml.append("<rss version=\"2.0\"><channel><title>Library ").append(f).append("</title><link>").append(home)
                    .append("</link><description>News of library ").append(f).append("</description>\n");
        } else if (kind <= 8) {
            contentType = "application/atom+xml; charset=utf-8";
            xml.append("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Library ").append(f).append("</title>")
                    .append("<id>").append(home).append("</id><link href=\"").append(home).append("\"/><updated>")
                    .append(NEWEST).append("</updated>\n");
        } else {
            contentType = "application/rdf+xml; charset=utf-8";
            xml.append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" ")
                    .append("xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
                    .append("<channel rdf:about=\"").append(home).append("\"><title>Library ").append(f)
                    .append("</title><link>").append(home).append("</link><description>News</description></channel>\n");
        }
        for (int i = 0; i < items; i++) {
            String title = TITLES[random.nextInt(TITLES.length)];
            String link = home + "news/" + (1000 + i) + "-" + Long.toHexString(random.nextLong() & 0xffffffffL);
            Instant date = NEWEST.minusSeconds(3600L * (i * 7 + random.nextInt(7)) + f);
            String body = body(random);
            String escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            if (kind <= 5) {
                xml.append("<item><title>").append(title).append("</title><link>").append(link).append("</link>")
                        .append("<guid>").append(link).append("</guid><pubDate>").append(RFC_1123.format(date))
                        .append("</pubDate><description>").append(escaped).append("</description></item>\n");
            } else if (kind <= 8) {
                xml.append("<entry><title>").append(title).append("</title><link href=\"").append(link).append("\"/>")
                        .append("<id>").append(link).append("</id><updated>").append(date).append("</updated>")
                        .append("<content type=\"html\">").append(escaped).append("</content></entry>\n");
            } else {
                xml.append("<item rdf:about=\"").append(link).append("\"><title>").append(title).append("</title><link>")
                        .append(link).append("</link><dc:date>").append(date).append("</dc:date><description>")
                        .append(escaped).append("</description></item>\n");
            }
        }
        xml.append(kind <= 5 ? "</channel></rss>\n" : kind <= 8 ? "</feed>\n" : "</rdf:RDF>\n");
        byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
        return new Feed("/" + id + ".xml", contentType, bytes, etag, RFC_1123.format(NEWEST));
    }

    /** 0.3–2 KB of HTML: paragraphs of words, the odd link, list and image. */
    private static String body(Random random) {
        int target = 300 + random.nextInt(1700);
        StringBuilder html = new StringBuilder(target + 200);
        while (html.length() < target) {
            html.append("<p>");
            int words = 12 + random.nextInt(30);
            for (int w = 0; w < words; w++) {
                if (w > 0) html.append(' ');
                html.append(WORDS[random.nextInt(WORDS.length)]);
            }
            html.append(". ");
            if (random.nextInt(3) == 0) {
                html.append("<a href=\"/events/").append(random.nextInt(100_000)).append("\">More</a>");
            }
            html.append("</p>");
            if (random.nextInt(5) == 0) {
                html.append("<ul><li>").append(WORDS[random.nextInt(WORDS.length)]).append("</li><li>")
                        .append(WORDS[random.nextInt(WORDS.length)]).append("</li></ul>");
            }
            if (random.nextInt(6) == 0) {
                html.append("<img src=\"/images/").append(random.nextInt(1000)).append(".jpg\" alt=\"photo\">");
            }
        }
        return html.toString();
    }

    private static void writeConfigs(Path dir, int port, int feeds, int items) throws IOException {
        Files.createDirectories(dir);
        List<String> urls = new ArrayList<>();
        StringBuilder yml = new StringBuilder();
        yml.append("site: { title: Batch bench, link: https://library.example.org/, base_url: http://localhost:8080,")
                .append(" items: 500 }\n")
                .append("fetch: { allow_private: [\"127.0.0.1:").append(port).append("\"], per_host: 64,")
                .append(" max_concurrent: 64 }\n")
                .append("types: [News]\ntopics: [{ id: news, title: News }]\nsources:\n");
        StringBuilder osmos = new StringBuilder("sources:\n");
        for (int f = 0; f < feeds; f++) {
            String url = String.format(Locale.ROOT, "http://127.0.0.1:%d/lib%04d.xml", port, f);
            urls.add(url);
            yml.append(String.format(Locale.ROOT, "  - { id: lib%04d, title: Library %d, url: \"%s\", topics: [news] }%n",
                    f, f, url));
            osmos.append("  - href: ").append(url).append('\n');
        }
        Files.write(dir.resolve("urls.txt"), urls);
        Files.writeString(dir.resolve("feeds.yml"), yml);
        Files.writeString(dir.resolve("osmosfeed.yaml"), osmos);
        Files.writeString(dir.resolve("items.txt"), (feeds * items) + "\n");
    }
}
