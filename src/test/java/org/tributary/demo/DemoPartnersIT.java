package org.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.config.FetchSettings;
import org.tributary.fetch.FetchRequest;
import org.tributary.fetch.FetchResult;
import org.tributary.fetch.Fetcher;
import org.w3c.dom.Document;

/** The demo server over real HTTP on a free loopback port: what a partner with good manners would send. */
class DemoPartnersIT {

    private static final Instant STARTED = Instant.parse("2026-11-01T12:00:00Z");

    private static DemoPartners demo;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        demo = DemoPartners.start(0, InstantSource.fixed(STARTED));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.baseUrl() + path))
                .timeout(Duration.ofSeconds(5));
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/feeds/programming-exchange.rss, application/rss+xml; charset=utf-8, rss, item",
        "/feeds/riverside-library.atom, application/atom+xml; charset=utf-8, feed, entry",
        "/feeds/tri-county-webinars.rdf, application/rdf+xml; charset=utf-8, rdf:RDF, item",
    })
    void servesEachFeedWithTypeAndValidators(String path, String contentType, String root, String item)
            throws Exception {
        HttpResponse<byte[]> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[0-9a-f]+\""));
        assertThat(response.headers().firstValue("Last-Modified")).hasValue("Sun, 01 Nov 2026 12:00:00 GMT");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("{{base}}").doesNotContain("127.0.0.1:8099");
        Document xml = parse(response.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo(root);
        assertThat(xml.getElementsByTagName(item).getLength()).isBetween(6, 10);
    }

    @ParameterizedTest
    @CsvSource({"/feeds/programming-exchange.rss", "/feeds/riverside-library.atom", "/feeds/tri-county-webinars.rdf"})
    void answersIfNoneMatchWith304(String path) throws Exception {
        String etag = get(path).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get(path, "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get(path, "If-None-Match", "\"someone-else\"").statusCode()).isEqualTo(200);
    }

    @Test
    void answersIfModifiedSinceWith304() throws Exception {
        String path = "/feeds/riverside-library.atom";
        assertThat(get(path, "If-Modified-Since", "Sun, 01 Nov 2026 12:00:00 GMT").statusCode()).isEqualTo(304);
        assertThat(get(path, "If-Modified-Since", "Sat, 31 Oct 2026 12:00:00 GMT").statusCode()).isEqualTo(200);
    }

    @Test
    void gzipsFeedsForClientsThatAsk() throws Exception {
        String path = "/feeds/programming-exchange.rss";
        HttpResponse<byte[]> plain = get(path);

        HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip");

        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes())
                .isEqualTo(plain.body());
    }

    @ParameterizedTest
    @CsvSource({"/images/makerspace.svg", "/images/repair-cafe.svg", "/images/vr-lab.svg", "/images/partnerships.svg"})
    void servesTheImagesTheFeedsPointAt(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(parse(response.body()).getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void itemLinksLandOnAStandInPageAndUnknownPathsAre404() throws Exception {
        assertThat(get("/riverside/news/2023/vr-headsets-to-borrow").statusCode()).isEqualTo(200);
        assertThat(get("/tri-county/webinars/2019/budgeting-makerspaces").headers().firstValue("Content-Type"))
                .hasValue("text/html; charset=utf-8");
        assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
    }

    @Test
    void answersHeadWithHeadersOnly() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(demo.baseUrl()
                + "/feeds/tri-county-webinars.rdf")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void refusesMethodsOtherThanGetAndHead() throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(demo.baseUrl() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void theFetcherGetsEachFeedAndThenNotModified() {
        var settings = new FetchSettings("Tributary-test/1.0", Duration.ofSeconds(5), 10L << 20,
                List.of("127.0.0.1:" + demo.port()));
        try (Fetcher fetcher = new Fetcher(settings, InstantSource.system())) {
            for (String path : List.of("/feeds/programming-exchange.rss", "/feeds/riverside-library.atom",
                    "/feeds/tri-county-webinars.rdf")) {
                URI url = URI.create(demo.baseUrl() + path);
                var first = (FetchResult.Fetched) fetcher.fetch(new FetchRequest("demo", url, null, null));
                FetchResult second = fetcher.fetch(new FetchRequest("demo", url, first.etag(), first.lastModified()));

                assertThat(first.body().length).isGreaterThan(1000);
                assertThat(second).isInstanceOf(FetchResult.NotModified.class);
            }
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
