package org.tributary.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Partner feeds on a real loopback HTTP server: each path serves a fixture from src/test/resources/partners with an
 * ETag and answers If-None-Match with 304, unless a test has told the path to misbehave.
 */
public final class PartnerServer implements AutoCloseable {

    public static final String RSS = "/programming-librarian.rss";
    public static final String ATOM = "/member-library.atom";
    public static final String RDF = "/consortium-webinars.rdf";

    private final MockWebServer server = new MockWebServer();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public PartnerServer() {
        for (String path : List.of(RSS, ATOM, RDF)) bodies.put(path, fixture(path));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getUrl().encodedPath();
                MockResponse override = overrides.get(path);
                if (override != null) return override;
                String body = bodies.get(path);
                if (body == null) return new MockResponse.Builder().code(404).build();
                String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
                if (etag.equals(request.getHeaders().get("If-None-Match"))) {
                    return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
                }
                String type = path.endsWith(".atom") ? "application/atom+xml" : "application/rss+xml";
                return new MockResponse.Builder().code(200).addHeader("Content-Type", type + "; charset=utf-8")
                        .addHeader("ETag", etag).body(body).build();
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String fixture(String path) {
        try (InputStream in = PartnerServer.class.getResourceAsStream("/partners" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Serves this body at the path from now on (a new ETag with it). */
    public void serve(String path, String body) {
        overrides.remove(path);
        bodies.put(path, body);
    }

    /** Answers every request for the path with this response until {@link #serve} or {@link #heal}. */
    public void misbehave(String path, MockResponse response) {
        overrides.put(path, response);
    }

    public void heal(String path) {
        overrides.remove(path);
    }

    public static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("error " + code).build();
    }

    public static MockResponse garbage() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .body("broken &nope; <<< no markup at all").build();
    }

    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    /**
     * A feeds.yml with the three partners (rss → News with a "Webinar" category rule, atom → library, rdf →
     * Webinar) and this server allowed as a private address.
     */
    public String feedsYml(String baseUrl, String every) {
        return """
                site:
                  title: Most Recently Added
                  description: News and webinars from our partners
                  link: https://library.example.org/
                  base_url: %s
                  items: 50
                  excerpt_chars: 120
                fetch:
                  user_agent: "Tributary-test/0.1 (+https://library.example.org/)"
                  timeout: 5s
                  allow_private: ["%s"]
                defaults: { every: %s, type: News }
                types: [News, Webinar, Event]
                topics:
                  - id: partnerships
                    title: Partnerships & collaboration
                    description: When the library builds partnerships, it strengthens the ties to its community.
                    image: { url: "https://library.example.org/img/partnerships.jpg", credit: "Photo: jenlen, CC BY-NC-ND 2.0" }
                  - id: programming
                    title: Library programming
                sources:
                  - id: programming-librarian
                    title: Programming Librarian
                    url: %s
                    home: https://programminglibrarian.example/
                    kind: partner
                    topics: [partnerships]
                    rules:
                      - when: { category: webinar }
                        type: Webinar
                  - id: everett
                    title: Everett Public Library
                    url: %s
                    home: https://everett.example/
                    kind: library
                    topics: [programming]
                  - id: consortium
                    title: Consortium Webinars
                    url: %s
                    kind: partner
                    type: Webinar
                    topics: [partnerships, programming]
                """.formatted(baseUrl, hostPort(), every, url(RSS), url(ATOM), url(RDF));
    }

    @Override
    public void close() {
        server.close();
    }
}
