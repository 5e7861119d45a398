package org.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.CertificatePinner;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.FetchOptions;
import org.tributary.config.FetchSettings;
import org.tributary.testing.TestClock;

/** The fetcher's defences and manners against real sockets: addresses, concurrency caps, TLS opt-ins, Retry-After. */
class FetchDefencesIT {

    private static final String FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

    @TempDir
    Path tmp;

    private final MockWebServer server = new MockWebServer();
    private final List<Fetcher> fetchers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        fetchers.forEach(Fetcher::close);
        server.close();
    }

    private Fetcher fetcher(int perHost, int maxConcurrent, InstantSource clock, String... allow) {
        Fetcher f = new Fetcher(new FetchSettings("Tributary-test/1.0 (+https://library.example.org/)",
                Duration.ofSeconds(10), 1 << 20, List.of(allow), perHost, maxConcurrent), clock);
        fetchers.add(f);
        return f;
    }

    private String allowed() {
        return "127.0.0.1:" + server.getPort();
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml").body(FEED).build();
    }

    private static FetchRequest request(String url) {
        return new FetchRequest("src", URI.create(url), null, null);
    }

    // ---- addresses: a canary listener must never see a connection ----

    private static List<String> loopbackForms(int port) {
        return List.of(
                "http://127.0.0.1:" + port + "/",
                "http://localhost:" + port + "/",
                "https://localhost:" + port + "/",
                "http://2130706433:" + port + "/",
                "http://0x7f.1:" + port + "/",
                "http://0x7f000001:" + port + "/",
                "http://0177.0.0.1:" + port + "/",
                "http://127.1:" + port + "/",
                "http://127.0.0.1.:" + port + "/",
                "http://[::ffff:127.0.0.1]:" + port + "/",
                "http://[::ffff:7f00:1]:" + port + "/",
                "http://[0:0:0:0:0:ffff:7f00:1]:" + port + "/",
                "http://0.0.0.0:" + port + "/",
                "http://0:" + port + "/",
                "http://[::]:" + port + "/");
    }

    @Test
    void aCanaryOnAnotherLoopbackPortSeesNoConnectionInAnyForm() throws Exception {
        try (ServerSocket canary = new ServerSocket(0, 100, InetAddress.getByName("0.0.0.0"))) {
            int port = canary.getLocalPort();
            Fetcher fetcher = fetcher(2, 16, InstantSource.system(), allowed());
            List<String> forms = loopbackForms(port);
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    int i = Integer.parseInt(r.getUrl().queryParameter("i"));
                    return new MockResponse.Builder().code(302).addHeader("Location", forms.get(i)).build();
                }
            });
            for (int i = 0; i < forms.size(); i++) {
                FetchResult direct = fetcher.fetch(request(forms.get(i)));
                FetchResult redirected = fetcher.fetch(request("http://" + allowed() + "/r?i=" + i));
                for (FetchResult r : List.of(direct, redirected)) {
                    assertThat(r).as(forms.get(i)).isInstanceOfSatisfying(FetchResult.Failed.class,
                            f -> assertThat(f.reason()).startsWith("refused"));
                }
            }
            // The kernel completes a TCP handshake into the backlog without accept(): whatever connected is here.
            assertThat(connectionsWaiting(canary)).isZero();
            // The check itself can see a connection: one made on purpose shows up.
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(connectionsWaiting(canary)).isEqualTo(1);
            }
        }
    }

    private static int connectionsWaiting(ServerSocket canary) throws IOException {
        canary.setSoTimeout(300);
        int n = 0;
        while (true) {
            try (Socket s = canary.accept()) {
                n++;
            } catch (SocketTimeoutException none) {
                return n;
            }
        }
    }

    @Test
    void metadataAndCarrierNatLiteralsAreRefusedBeforeConnecting() {
        Fetcher fetcher = fetcher(2, 16, InstantSource.system());
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
                "http://[::ffff:169.254.169.254]/", "http://224.0.0.1/", "http://[fd00::1]/", "http://10.0.0.1/")) {
            assertThat(fetcher.fetch(request(url))).as(url).isInstanceOfSatisfying(FetchResult.Failed.class,
                    f -> assertThat(f.reason()).startsWith("refused"));
        }
    }

    // ---- concurrency caps, counted on the server ----

    private static final class Counting extends Dispatcher {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
                return ok();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static void fetchInParallel(Fetcher fetcher, List<String> urls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(urls.size());
        try {
            List<Future<FetchResult>> results = new ArrayList<>();
            for (String url : urls) results.add(pool.submit(() -> fetcher.fetch(request(url))));
            for (Future<FetchResult> r : results) assertThat(r.get()).isInstanceOf(FetchResult.Fetched.class);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void noMoreThanTwoRequestsAtATimeToOneHost() throws Exception {
        Counting counting = new Counting();
        server.setDispatcher(counting);
        Fetcher fetcher = fetcher(2, 16, InstantSource.system(), allowed());
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 8; i++) urls.add("http://" + allowed() + "/feed/" + i);
        fetchInParallel(fetcher, urls);
        assertThat(counting.max.get()).isEqualTo(2);
    }

    @Test
    void theOverallCapHoldsAcrossHosts() throws Exception {
        Counting counting = new Counting();
        server.setDispatcher(counting);
        String byName = "localhost:" + server.getPort();
        Fetcher fetcher = fetcher(2, 3, InstantSource.system(), allowed(), byName);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urls.add("http://" + allowed() + "/a/" + i);
            urls.add("http://" + byName + "/b/" + i);
        }
        fetchInParallel(fetcher, urls);
        assertThat(counting.max.get()).isEqualTo(3);
    }

    // ---- Retry-After and permanent redirects as values ----

    @Test
    void retryAfterSecondsAndDatesAreReadWithTheClock() {
        TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
        Fetcher fetcher = fetcher(2, 16, clock, allowed());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Mon, 02 Mar 2026 13:00:00 GMT").build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "soon").build());
        assertThat(fetcher.fetch(request("http://" + allowed() + "/"))).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.retryAfter()).isEqualTo(Instant.parse("2026-03-02T10:02:00Z")));
        assertThat(fetcher.fetch(request("http://" + allowed() + "/"))).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.retryAfter()).isEqualTo(Instant.parse("2026-03-02T13:00:00Z")));
        assertThat(fetcher.fetch(request("http://" + allowed() + "/"))).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.retryAfter()).isNull());
    }

    @Test
    void anAllPermanentChainIsReportedAndAMixedOneIsNot() {
        Fetcher fetcher = fetcher(2, 16, InstantSource.system(), allowed());
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
        server.enqueue(new MockResponse.Builder().code(308).addHeader("Location", "/c").build());
        server.enqueue(ok());
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/c").build());
        server.enqueue(ok());
        assertThat(fetcher.fetch(request("http://" + allowed() + "/a"))).isInstanceOfSatisfying(
                FetchResult.Fetched.class, f -> assertThat(f.permanentRedirect()).hasPath("/c"));
        assertThat(fetcher.fetch(request("http://" + allowed() + "/a"))).isInstanceOfSatisfying(
                FetchResult.Fetched.class, f -> assertThat(f.permanentRedirect()).isNull());
    }

    @Test
    void aRedirectLoopEndsAsTooManyRedirects() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return new MockResponse.Builder().code(301).addHeader("Location", "/loop").build();
            }
        });
        assertThat(fetcher(2, 16, InstantSource.system(), allowed()).fetch(request("http://" + allowed() + "/loop")))
                .isInstanceOfSatisfying(FetchResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo("too many redirects"));
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    // ---- TLS: validated by default, per-source opt-ins ----

    private void serveHttps(HeldCertificate serverCert, HeldCertificate... chain) {
        HandshakeCertificates tls = new HandshakeCertificates.Builder()
                .heldCertificate(serverCert, java.util.Arrays.stream(chain).map(HeldCertificate::certificate)
                        .toArray(java.security.cert.X509Certificate[]::new))
                .build();
        server.useHttps(tls.sslSocketFactory());
    }

    private FetchResult fetchHttps(FetchOptions options) {
        Fetcher fetcher = fetcher(2, 16, InstantSource.system(), "localhost:" + server.getPort());
        return fetcher.fetch(new FetchRequest("src", URI.create("https://localhost:" + server.getPort() + "/feed"),
                null, null, options));
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessPinned() {
        HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("partner.internal")
                .addSubjectAlternativeName("partner.internal").build();
        serveHttps(selfSigned);
        server.enqueue(ok());
        server.enqueue(ok());

        // Refused in the handshake, reported as one line (a plain-HTTP server spoken TLS to would only hang until
        // the deadline, so the refusal is tested here, with a real certificate).
        assertThat(fetchHttps(FetchOptions.DEFAULTS)).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).startsWith("TLS: ").doesNotContain("\n");
            assertThat(f.status()).isZero();
        });
        String pin = CertificatePinner.pin(selfSigned.certificate());
        assertThat(fetchHttps(new FetchOptions(null, pin, false))).isInstanceOf(FetchResult.Fetched.class);
        String otherPin = CertificatePinner.pin(new HeldCertificate.Builder().build().certificate());
        assertThat(fetchHttps(new FetchOptions(null, otherPin, false))).isInstanceOfSatisfying(
                FetchResult.Failed.class, f -> assertThat(f.reason()).startsWith("TLS: "));
    }

    @Test
    void aPrivateCaIsTrustedForTheSourceThatNamesIt() throws IOException {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Partner CA").build();
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("localhost").build();
        serveHttps(leaf, ca);
        server.enqueue(ok());
        server.enqueue(ok());
        Path pem = Files.writeString(tmp.resolve("partner-ca.pem"), ca.certificatePem());

        assertThat(fetchHttps(FetchOptions.DEFAULTS)).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).startsWith("TLS: "));
        assertThat(fetchHttps(new FetchOptions(pem, null, false))).isInstanceOf(FetchResult.Fetched.class);
    }
}
