package org.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.config.FetchSettings;

/** Real HTTP on loopback against MockWebServer; the loopback server is allowed explicitly, as in the demo. */
class FetcherIT {

    private static final String FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    private static final long MB = 1L << 20;

    private final MockWebServer server = new MockWebServer();
    private Fetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        if (fetcher != null) fetcher.close();
        server.close();
    }

    private Fetcher fetcher(Duration timeout, long maxBytes, List<String> allowPrivate) {
        fetcher = new Fetcher(new FetchSettings("Tributary-test/1.0 (+https://library.example.org/feeds)",
                timeout, maxBytes, allowPrivate), InstantSource.system());
        return fetcher;
    }

    private Fetcher fetcher() {
        return fetcher(Duration.ofSeconds(5), 10 * MB, List.of(hostPort(server)));
    }

    private static String hostPort(MockWebServer s) {
        return "127.0.0.1:" + s.getPort();
    }

    private URI url(String path) {
        return URI.create("http://" + hostPort(server) + path);
    }

    private FetchRequest request(String path) {
        return new FetchRequest("src", url(path), null, null);
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml").body(body).build();
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).addHeader("Location", location).build();
    }

    @Test
    void sendsIfNoneMatchAndIfModifiedSinceOnSecondFetch() throws Exception {
        String etag = "W/\"abc-123\"";
        String lastModified = "Thu, 27 Jun 2019 10:15:00 GMT";
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", etag)
                .addHeader("Last-Modified", lastModified).body(FEED).build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        var first = (FetchResult.Fetched) fetcher().fetch(request("/feed"));
        fetcher.fetch(new FetchRequest("src", url("/feed"), first.etag(), first.lastModified()));

        RecordedRequest unconditional = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(unconditional.getHeaders().get("If-None-Match")).isNull();
        assertThat(unconditional.getHeaders().get("If-Modified-Since")).isNull();
        RecordedRequest conditional = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo(etag);
        assertThat(conditional.getHeaders().get("If-Modified-Since")).isEqualTo(lastModified);
    }

    @Test
    void returnsNotModifiedOn304() {
        server.enqueue(new MockResponse.Builder().code(304).build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v2\"").build());
        var stored = new FetchRequest("src", url("/feed"), "\"v1\"", "Mon, 01 Jan 2024 00:00:00 GMT");

        FetchResult omitted = fetcher().fetch(stored);
        FetchResult renewed = fetcher.fetch(stored);

        assertThat(omitted).isInstanceOfSatisfying(FetchResult.NotModified.class, nm -> {
            assertThat(nm.etag()).isEqualTo("\"v1\"");
            assertThat(nm.lastModified()).isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
        });
        assertThat(renewed).isInstanceOfSatisfying(FetchResult.NotModified.class, nm -> {
            assertThat(nm.etag()).isEqualTo("\"v2\"");
            assertThat(nm.lastModified()).isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
        });
    }

    @Test
    void fetchedCarriesBodyTypeValidatorsAndFinalUrl() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/atom+xml")
                .addHeader("ETag", "\"e1\"").addHeader("Last-Modified", "Tue, 05 Mar 2019 09:00:00 GMT")
                .body(FEED).build());

        FetchResult result = fetcher().fetch(request("/feed"));

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> {
            assertThat(f.status()).isEqualTo(200);
            assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(FEED);
            assertThat(f.contentType()).isEqualTo("application/atom+xml");
            assertThat(f.etag()).isEqualTo("\"e1\"");
            assertThat(f.lastModified()).isEqualTo("Tue, 05 Mar 2019 09:00:00 GMT");
            assertThat(f.finalUrl()).isEqualTo(url("/feed"));
            assertThat(f.contentLocation()).isNull();
        });
    }

    @Test
    void gunzipsAndCountsDecompressedBytesAgainstCap() throws Exception {
        server.enqueue(gzipped(FEED.getBytes(StandardCharsets.UTF_8)));
        server.enqueue(gzipped(new byte[(int) (50 * MB)])); // 50 MB of zeros is about 50 KB on the wire
        Fetcher capped = fetcher(Duration.ofSeconds(10), MB, List.of(hostPort(server)));

        FetchResult small = capped.fetch(request("/small"));
        long started = System.nanoTime();
        long allocatedBefore = allocatedByThisThread();
        FetchResult bomb = capped.fetch(request("/bomb"));
        long allocated = allocatedByThisThread() - allocatedBefore;
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
        assertThat(small).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(FEED));
        assertThat(bomb).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("body over 1 MB");
            assertThat(f.status()).isEqualTo(200);
        });
        assertThat(tookMillis).isLessThan(2_000);
        // A synchronous call inflates on this thread: had it buffered the bomb, this would pass 50 MB.
        assertThat(allocated).isLessThan(16 * MB);
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static MockResponse gzipped(byte[] plain) throws IOException {
        Buffer wire = new Buffer();
        try (OutputStream gzip = new GZIPOutputStream(wire.outputStream())) {
            gzip.write(plain);
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip").body(wire).build();
    }

    @Test
    void refusesAnIdentityBodyOverTheCap() {
        server.enqueue(ok("x".repeat(2048)));
        server.enqueue(ok("x".repeat(1024)));
        Fetcher capped = fetcher(Duration.ofSeconds(5), 1024, List.of(hostPort(server)));

        assertThat(capped.fetch(request("/big"))).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("body over 1 KB"));
        assertThat(capped.fetch(request("/exact"))).isInstanceOf(FetchResult.Fetched.class);
    }

    @Test
    void cutsOffASlowDripAtTheDeadline() {
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100_000))
                .throttleBody(1024, 100, TimeUnit.MILLISECONDS).build()); // about 10 s in all
        Fetcher impatient = fetcher(Duration.ofSeconds(1), 10 * MB, List.of(hostPort(server)));

        long started = System.nanoTime();
        FetchResult result = impatient.fetch(request("/drip"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("timed out after 1s"));
        assertThat(tookMillis).isBetween(900L, 2_000L);
    }

    @Test
    void cutsOffSlowHeadersAtTheDeadline() {
        server.enqueue(new MockResponse.Builder().code(200).body(FEED).headersDelay(5, TimeUnit.SECONDS).build());
        Fetcher impatient = fetcher(Duration.ofMillis(500), 10 * MB, List.of(hostPort(server)));

        assertThat(impatient.fetch(request("/slow"))).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("timed out after 500ms");
            assertThat(f.status()).isZero();
        });
    }

    @Test
    void theDeadlineCoversEveryRedirectHop() {
        // Each hop is fast enough alone; together they pass the one deadline.
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/hop" + i)
                    .headersDelay(400, TimeUnit.MILLISECONDS).build());
        }
        server.enqueue(ok(FEED));
        Fetcher impatient = fetcher(Duration.ofSeconds(1), 10 * MB, List.of(hostPort(server)));

        assertThat(impatient.fetch(request("/start"))).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("timed out after 1s"));
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 410, 429, 500, 503})
    void reportsHttpErrorsAsValues(int code) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Retry-After", "120").body("nope").build());

        assertThat(fetcher().fetch(request("/feed"))).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(code);
            assertThat(f.reason()).isEqualTo("HTTP " + code);
            assertThat(f.sourceId()).isEqualTo("src");
        });
    }

    @Test
    void followsRedirectAndReportsFinalUrl() throws Exception {
        server.enqueue(redirect(301, "/moved/feed.xml"));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Location", "current.xml?v=2")
                .body(FEED).build());

        FetchResult result = fetcher().fetch(new FetchRequest("src", url("/old"), "\"e\"", null));

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> {
            assertThat(f.finalUrl()).isEqualTo(url("/moved/feed.xml"));
            assertThat(f.contentLocation()).isEqualTo(url("/moved/current.xml?v=2"));
        });
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(second.getUrl().encodedPath()).isEqualTo("/moved/feed.xml");
        assertThat(second.getHeaders().get("If-None-Match")).isEqualTo("\"e\"");
    }

    @Test
    void followsExactlyFiveRedirects() {
        server.setDispatcher(hops(5));

        assertThat(fetcher().fetch(request("/r/0"))).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(f.finalUrl()).isEqualTo(url("/r/5")));
    }

    @Test
    void refusesMoreThanFiveRedirects() {
        server.setDispatcher(hops(6));

        assertThat(fetcher().fetch(request("/r/0"))).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("too many redirects");
            assertThat(f.status()).isEqualTo(302);
        });
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    /** /r/0 → /r/1 → … → /r/n, which is a feed. */
    private static Dispatcher hops(int n) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int i = Integer.parseInt(request.getUrl().pathSegments().get(1));
                return i < n ? redirect(302, "/r/" + (i + 1)) : ok(FEED);
            }
        };
    }

    @Test
    void refusesPrivateAddressUnlessAllowed() {
        server.enqueue(ok(FEED));
        server.enqueue(ok(FEED));

        FetchResult refused = fetcher(Duration.ofSeconds(5), MB, List.of()).fetch(request("/feed"));
        fetcher.close();
        FetchResult allowed = fetcher(Duration.ofSeconds(5), MB, List.of(hostPort(server))).fetch(request("/feed"));

        assertThat(refused).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("refused private address 127.0.0.1");
            assertThat(f.status()).isZero();
        });
        assertThat(server.getRequestCount()).as("the refused request never reached the server").isEqualTo(1);
        assertThat(allowed).isInstanceOf(FetchResult.Fetched.class);
    }

    @Test
    void allowPrivateMatchesTheHostAsWrittenInTheUrl() {
        server.enqueue(ok(FEED));
        URI byName = URI.create("http://localhost:" + server.getPort() + "/feed");

        FetchResult numericOnly = fetcher(Duration.ofSeconds(5), MB, List.of(hostPort(server)))
                .fetch(new FetchRequest("src", byName, null, null));
        fetcher.close();
        FetchResult named = fetcher(Duration.ofSeconds(5), MB, List.of("LocalHost:" + server.getPort()))
                .fetch(new FetchRequest("src", byName, null, null));

        assertThat(numericOnly).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).startsWith("refused private address"));
        assertThat(named).isInstanceOf(FetchResult.Fetched.class);
    }

    @Test
    void refusesAPrivateAddressOnARedirectHop() throws IOException {
        try (MockWebServer internal = new MockWebServer()) {
            internal.start(InetAddress.getByName("127.0.0.1"), 0);
            internal.enqueue(ok(FEED));
            server.enqueue(redirect(302, "http://" + hostPort(internal) + "/admin"));

            FetchResult result = fetcher().fetch(request("/feed"));

            assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                    f -> assertThat(f.reason()).isEqualTo("refused private address 127.0.0.1"));
            assertThat(internal.getRequestCount()).isZero();
        }
    }

    @Test
    void sendsConfiguredUserAgent() throws Exception {
        server.enqueue(ok(FEED));

        fetcher().fetch(request("/feed"));

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getHeaders().get("User-Agent"))
                .isEqualTo("Tributary-test/1.0 (+https://library.example.org/feeds)");
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/atom+xml, application/rss+xml, "
                + "application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, "
                + "application/json;q=0.8, */*;q=0.1");
    }

    @Test
    void connectionRefusedIsAFailedValue() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/feed");

        FetchResult result = fetcher(Duration.ofSeconds(5), MB, List.of("127.0.0.1:" + closedPort))
                .fetch(new FetchRequest("src", nobody, null, null));

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("connection refused");
            assertThat(f.status()).isZero();
        });
    }

    @Test
    void unknownHostIsAFailedValue() {
        URI nowhere = URI.create("http://example.invalid/feed");

        assertThat(fetcher().fetch(new FetchRequest("src", nowhere, null, null)))
                .isInstanceOfSatisfying(FetchResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo("unknown host example.invalid"));
    }

    @Test
    void rejectsANonHttpUrlWithoutTouchingTheNetwork() {
        assertThat(fetcher().fetch(new FetchRequest("src", URI.create("file:///etc/passwd"), null, null)))
                .isInstanceOfSatisfying(FetchResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo("not an http(s) URL"));
    }

    @Test
    void measuresMillisWithTheGivenClock() {
        server.enqueue(ok(FEED));
        AtomicLong now = new AtomicLong(1_000_000);
        InstantSource ticking = () -> Instant.ofEpochMilli(now.getAndAdd(250)); // each reading is 250 ms later
        fetcher = new Fetcher(new FetchSettings("t", Duration.ofSeconds(5), MB, List.of(hostPort(server))), ticking);

        assertThat(fetcher.fetch(request("/feed"))).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(f.millis()).isEqualTo(250));
    }
}
