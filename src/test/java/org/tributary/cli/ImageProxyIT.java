package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.ConfigLoader;
import org.tributary.publish.ImageLinks;
import org.tributary.testing.Chromium;

/**
 * site.image_proxy end to end: a partner on loopback publishes a feed whose items carry images (a real PNG, an HTML
 * page, an SVG, a "PNG" that is HTML, one over the size cap) and a topic image; serve publishes every one of them
 * as a link to our own /images/, serves the real image from its cache, refuses the others, and a browser that loads
 * the page never reaches the partner: the partner sees Tributary's User-Agent once per image, and nothing else.
 */
class ImageProxyIT {

    private static final String AGENT = "Tributary-test/0.1 (+https://library.example.org/)";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = png(40, 30);
    private static final byte[] TOPIC_PNG = png(64, 48);

    @TempDir
    Path dir;

    private final MockWebServer partner = new MockWebServer();
    /** On loopback too, but not in fetch.allow_private: the address guard must keep the proxy away from it. */
    private final MockWebServer intranet = new MockWebServer();
    private final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
    private Service service;
    private String base;
    private Path configFile;
    private Path data;

    @BeforeEach
    void start() throws Exception {
        partner.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                seen.add(request);
                return respond(request.getUrl().encodedPath());
            }
        });
        partner.start(InetAddress.getByName("127.0.0.1"), 0);
        intranet.start(InetAddress.getByName("127.0.0.1"), 0);
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        String yaml = """
                site:
                  title: Most Recently Added
                  link: https://library.example.org/
                  base_url: %s
                  image_proxy: { max_bytes: 1MB, cache: 8MB }
                fetch:
                  user_agent: "%s"
                  timeout: 5s
                  allow_private: ["127.0.0.1:%d"]
                defaults: { every: 1h, type: News }
                topics:
                  - id: partners
                    title: Partners
                    image: { url: "%s", credit: "Photo: a partner" }
                sources:
                  - id: partner
                    title: A Partner
                    url: %s
                    topics: [partners]
                """.formatted(base, AGENT, partner.getPort(), partnerUrl("/img/topic.png"), partnerUrl("/feed.rss"));
        configFile = dir.resolve("feeds.yml");
        Files.writeString(configFile, yaml);
        data = Files.createDirectories(dir.resolve("data"));
        service = Tributary.serve(new ServeOptions(configFile, new ConfigLoader().parse("feeds.yml", yaml), data,
                Environment.of(Map.of()), "127.0.0.1", port, 2, null));
        await().atMost(Duration.ofSeconds(60)).until(() -> jsonItems().size() == 6);
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
        partner.close();
        intranet.close();
    }

    @Test
    void everyPublishedImageLinksToOurOriginAndTheRealOneIsServedFromTheCache() throws Exception {
        Document atom = Jsoup.parse(get("/feed.atom").body(), "", Parser.xmlParser());
        List<String> thumbnails = atom.select("media|thumbnail").eachAttr("url");
        assertThat(thumbnails).hasSize(6).allSatisfy(url -> assertThat(url).startsWith(base + ImageLinks.PATH));
        assertThat(jsonItems()).allSatisfy(item -> assertThat(item.path("image").asText()).startsWith(base + "/images/"));
        Document rss = Jsoup.parse(get("/feed.rss").body(), "", Parser.xmlParser());
        assertThat(rss.select("media|thumbnail").eachAttr("url")).containsExactlyInAnyOrderElementsOf(thumbnails);
        assertThat(get("/feed.atom").body()).doesNotContain(partnerUrl("/img/"));

        HttpResponse<byte[]> image = bytes(local(imageOf("Ok image")), null);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(PNG);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Content-Length")).hasValue(Integer.toString(PNG.length));
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(imageOf("Ok image")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(PNG.length));
        assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(image.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c)
                .contains("immutable").contains("max-age=31536000"));
        assertThat(image.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String etag = image.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = bytes(local(imageOf("Ok image")), etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(bytes(local(imageOf("Ok image")), null).body()).isEqualTo(PNG);
        // Four requests, one fetch: the partner saw Tributary once.
        assertThat(partnerRequests("/img/ok.png")).hasSize(1)
                .allSatisfy(r -> assertThat(r.getHeaders().get("User-Agent")).isEqualTo(AGENT));
    }

    @Test
    void whatIsNotAnImageWeServeIsRefusedAndNotAskedForAgainAtOnce() throws Exception {
        for (String title : List.of("Html page", "Svg drawing", "Wrong magic", "Too large")) {
            HttpResponse<byte[]> refused = bytes(local(imageOf(title)), null);
            assertThat(refused.statusCode()).as(title).isEqualTo(502);
            String body = new String(refused.body(), StandardCharsets.UTF_8);
            assertThat(body).as(title).isEqualTo("image unavailable\n");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(bytes(local(imageOf(title)), null).statusCode()).as(title).isEqualTo(502);
        }
        for (String path : List.of("/img/page.png", "/img/logo.svg", "/img/fake.png", "/img/huge.png")) {
            assertThat(partnerRequests(path)).as(path).hasSize(1);
        }
    }

    @Test
    void anImageOnAnAddressTheGuardRefusesIsNeverFetched() throws Exception {
        HttpResponse<byte[]> refused = bytes(local(imageOf("Intranet image")), null);
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo("image unavailable\n");
        assertThat(intranet.getRequestCount()).isZero();
    }

    @Test
    void aKeyNoPublishedImageHasIsNotFoundAndNeverFetched() throws Exception {
        String unpublished = ImageLinks.key(partnerUrl("/img/unlisted.png"));
        assertThat(bytes("/images/" + unpublished, null).statusCode()).isEqualTo(404);
        assertThat(bytes("/images/" + "A".repeat(43), null).statusCode()).isEqualTo(404);
        assertThat(bytes("/images/not-a-key", null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> traversal = bytes("/images/..%2F..%2Ffeeds.yml", null);
        assertThat(traversal.statusCode()).isEqualTo(404);
        assertThat(new String(traversal.body(), StandardCharsets.UTF_8)).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(partnerRequests("/img/unlisted.png")).isEmpty();
    }

    @Test
    void aBrowserShowingThePageNeverReachesThePartner() throws Exception {
        Document page = Jsoup.parse(get("/topics/partners").body());
        String src = page.select("section.topic img").attr("src");
        assertThat(src).startsWith(base + "/images/");

        try (Chromium chromium = Chromium.start(dir)) {
            Chromium.Page tab = chromium.open(1280, 900, false);
            tab.go(base + "/topics/partners");
            tab.until("(() => { const i = document.querySelector('section.topic img');"
                    + " return i && i.complete && i.naturalWidth === 64; })()");
            assertThat(tab.eval("document.querySelector('section.topic img').currentSrc").asText()).isEqualTo(src);
            tab.close();
        }
        assertThat(partnerRequests("/img/topic.png")).hasSize(1);
        // Every request the partner ever saw was Tributary's: the feed and the one image, never the browser's.
        assertThat(seen).isNotEmpty().allSatisfy(r -> assertThat(r.getHeaders().get("User-Agent")).isEqualTo(AGENT));
    }

    @Test
    void aHiddenItemsImageIsNoLongerServedEvenFromTheCache() throws Exception {
        String ok = imageOf("Ok image");
        assertThat(bytes(local(ok), null).statusCode()).isEqualTo(200);
        String id = jsonItems().stream().filter(i -> i.path("title").asText().equals("Ok image")).findFirst()
                .orElseThrow().path("id").asText().substring("urn:tributary:".length());
        assertThat(Main.run("--config", configFile.toString(), "--data", data.toString(), "hide", id)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> bytes(local(ok), null).statusCode() == 404);
        assertThat(partnerRequests("/img/ok.png")).hasSize(1);
    }

    @Test
    void anExportWritesTheImagesItLinksAndLeavesOutTheRefusedOnes() throws Exception {
        Path out = dir.resolve("site");
        // While serve runs, export goes through it: the same cache, the same one fetch per image.
        assertThat(Main.run("--config", configFile.toString(), "--data", data.toString(), "export", "--out",
                out.toString())).isZero();
        String ok = imageOf("Ok image");
        assertThat(Files.readString(out.resolve("feed.atom"))).contains(ok).doesNotContain(partnerUrl("/img/"));
        Path images = out.resolve("images");
        assertThat(images.resolve(ok.substring(ok.lastIndexOf('/') + 1))).hasBinaryContent(PNG);
        assertThat(images.resolve(ImageLinks.key(partnerUrl("/img/topic.png")))).hasBinaryContent(TOPIC_PNG);
        try (var files = Files.list(images)) {
            assertThat(files).hasSize(2);   // the four refused images are not there
        }
        assertThat(out.resolve(ExportStamp.FILE)).as("no stamp: the next export asks for the refused images again")
                .doesNotExist();
        assertThat(bytes(local(ok), null).body()).isEqualTo(PNG);
        assertThat(partnerRequests("/img/ok.png")).hasSize(1);
    }

    private MockResponse respond(String path) {
        return switch (path) {
            case "/feed.rss" -> new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml")
                    .body(feed()).build();
            case "/img/ok.png" -> image("image/png", PNG);
            case "/img/topic.png" -> image("image/png", TOPIC_PNG);
            case "/img/page.png" -> image("text/html; charset=utf-8", "<html><body>hi</body></html>".getBytes());
            case "/img/logo.svg" -> image("image/svg+xml",
                    "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes());
            case "/img/fake.png" -> image("image/png", "<html><script>alert(1)</script></html>".getBytes());
            case "/img/huge.png" -> {
                byte[] huge = Arrays.copyOf(PNG, 2 << 20);   // a PNG signature, then 2 MB: over max_bytes (1MB)
                yield image("image/png", huge);
            }
            default -> new MockResponse.Builder().code(404).build();
        };
    }

    private static MockResponse image(String type, byte[] body) {
        return new MockResponse.Builder().addHeader("Content-Type", type).body(new Buffer().write(body)).build();
    }

    private String feed() {
        StringBuilder items = new StringBuilder();
        String[][] entries = {{"Ok image", "/img/ok.png"}, {"Html page", "/img/page.png"},
                {"Svg drawing", "/img/logo.svg"}, {"Wrong magic", "/img/fake.png"}, {"Too large", "/img/huge.png"},
                {"Intranet image", "intranet:/img/ok.png"}};
        for (int i = 0; i < entries.length; i++) {
            items.append("""
                    <item><title>%s</title><link>https://partner.example/%d</link><guid>item-%d</guid>
                      <pubDate>Mon, 0%d Jun 2025 10:00:00 GMT</pubDate><description>About %s.</description>
                      <media:thumbnail url="%s"/></item>
                    """.formatted(entries[i][0], i, i, i + 1, entries[i][0], entries[i][1].startsWith("intranet:")
                    ? "http://127.0.0.1:" + intranet.getPort() + entries[i][1].substring("intranet:".length())
                    : partnerUrl(entries[i][1])));
        }
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
                <title>A Partner</title><link>https://partner.example/</link><description>News</description>
                %s</channel></rss>
                """.formatted(items);
    }

    private String partnerUrl(String path) {
        return "http://127.0.0.1:" + partner.getPort() + path;
    }

    private List<RecordedRequest> partnerRequests(String path) {
        return seen.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    private List<JsonNode> jsonItems() throws Exception {
        HttpResponse<String> r = get("/feed.json");
        if (r.statusCode() != 200) return List.of();
        List<JsonNode> items = new java.util.ArrayList<>();
        JSON.readTree(r.body()).path("items").forEach(items::add);
        return items;
    }

    /** The image link the JSON Feed gives the item with this title. */
    private String imageOf(String title) throws Exception {
        return jsonItems().stream().filter(i -> i.path("title").asText().endsWith(title)).findFirst().orElseThrow()
                .path("image").asText();
    }

    private String local(String absolute) {
        assertThat(absolute).startsWith(base);
        return absolute.substring(base.length());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] png(int width, int height) {
        try {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < width; x++) for (int y = 0; y < height; y++) img.setRGB(x, y, (x * 6) << 16 | y * 5);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
