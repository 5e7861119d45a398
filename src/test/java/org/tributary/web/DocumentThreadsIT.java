package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.publish.Publisher;
import org.tributary.store.ItemPages;

/**
 * Which thread answers. The document handler runs on the thread that read the request, so a document in memory needs
 * no pool thread: it is answered even while every pool thread is busy (before, every request waited for one). What
 * may block waits for a pool thread instead of running on the reading thread: a document that must be rendered, and
 * everything for the handler behind (Javalin in serve; here a blocking stand-in on a real Jetty server).
 */
class DocumentThreadsIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");
    /** Long enough that the version read by the first request is still trusted by the last one. */
    private static final Duration VERSION_TTL = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    private WebFixture data;
    private QueuedThreadPool pool;
    private Server jetty;
    private Metrics metrics;
    private int port;
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();

    /** What the document handler hands on to: blocking by default, like Javalin's servlet context. */
    private static final class Behind extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Content.Sink.write(response, true, "behind\n", callback);
            return true;
        }
    }

    @BeforeEach
    void start() throws Exception {
        data = new WebFixture(dataDir, null); // the store, config and items; its own server is not used here
        data.add("Item one", "News", T0, T0, "partnerships");
        metrics = new Metrics("test");
        Documents documents = TestDocuments.of(() -> data.config, data.store, new ItemPages(data.store),
                new Publisher(), InstantSource.system(), VERSION_TTL, metrics::rendered);
        pool = new QueuedThreadPool(8, 2);
        pool.setReservedThreads(0); // no thread kept aside to take over selecting: a request has only the pool
        jetty = new Server(pool);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        DocumentHandler handler = new DocumentHandler(() -> data.config, documents, metrics);
        handler.setHandler(new Behind());
        jetty.setHandler(handler);
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        jetty.stop();
        metrics.close();
        data.close();
    }

    /** Fills every pool thread with a task that waits for {@link #release}; more tasks wait in the queue. */
    private void occupyEveryPoolThread() {
        for (int i = 0; i < pool.getMaxThreads(); i++) {
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.getIdleThreads() == 0 && pool.getQueueSize() > 0
                && pool.getThreads() == pool.getMaxThreads());
    }

    private HttpRequest request(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return b.build();
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        return http.send(request(method, path, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, List<String>> withoutDate(HttpResponse<?> r) {
        var headers = new java.util.TreeMap<>(r.headers().map());
        headers.remove("date");
        return headers;
    }

    @Test
    void aDocumentInMemoryIsAnsweredWhileEveryPoolThreadIsBusy() throws Exception {
        HttpResponse<byte[]> rendered = send("GET", "/feed.atom");
        HttpResponse<byte[]> renderedGzip = send("GET", "/feed.atom", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> css = send("GET", "/assets/style.css");
        String etag = rendered.headers().firstValue("ETag").orElseThrow();
        String lastModified = rendered.headers().firstValue("Last-Modified").orElseThrow();

        occupyEveryPoolThread();

        HttpResponse<byte[]> cached = send("GET", "/feed.atom");
        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(cached.body()).isEqualTo(rendered.body());
        assertThat(withoutDate(cached)).isEqualTo(withoutDate(rendered));
        HttpResponse<byte[]> cachedGzip = send("GET", "/feed.atom", "Accept-Encoding", "gzip");
        assertThat(cachedGzip.body()).isEqualTo(renderedGzip.body());
        assertThat(withoutDate(cachedGzip)).isEqualTo(withoutDate(renderedGzip));
        assertThat(withoutDate(send("GET", "/assets/style.css"))).isEqualTo(withoutDate(css));

        HttpResponse<byte[]> head = send("HEAD", "/feed.atom/");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(rendered.body().length));
        assertThat(send("GET", "/feed.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(send("GET", "/feed.atom", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        // Refusals need no document at all.
        assertThat(send("GET", "/feed.atom?bogus=1").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/topics/nope/feed.atom").statusCode()).isEqualTo(404);

        assertThat(metrics.scrape(List.of()))
                .contains("tributary_publish_requests_total{document=\"feed\",result=\"sent\"} 5.0")
                .contains("tributary_publish_requests_total{document=\"feed\",result=\"not-modified\"} 2.0")
                .contains("tributary_publish_renders_total 1.0");
    }

    /**
     * A raw HTTP/1.1 connection, opened and served once before the pool fills up: Jetty sets up a new connection on
     * a pool thread, so only requests on connections already open show where a request itself runs.
     */
    private final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Connection() throws Exception {
            socket = new Socket("127.0.0.1", port);
            in = new BufferedInputStream(socket.getInputStream());
            send("GET", "/assets/style.css");
            assertThat(response(Duration.ofSeconds(10))).startsWith("HTTP/1.1 200");
        }

        void send(String method, String path) throws Exception {
            String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        /** Whether any of a response arrives within the time. */
        boolean answersWithin(Duration time) throws Exception {
            socket.setSoTimeout((int) time.toMillis());
            in.mark(1);
            try {
                if (in.read() < 0) throw new EOFException("closed without an answer");
            } catch (SocketTimeoutException e) {
                return false;
            }
            in.reset();
            return true;
        }

        /** The next response: its head, a blank line, and its body (Content-Length only, as Jetty sends here). */
        String response(Duration timeout) throws Exception {
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) throw new EOFException(head.toString());
                head.append((char) b);
            }
            Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
            assertThat(length.find()).as(head.toString()).isTrue();
            return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void whatMayBlockWaitsForAPoolThreadInsteadOfRunningOnTheReadingThread() throws Exception {
        try (Connection notRendered = new Connection(); Connection notADocument = new Connection();
             Connection otherMethod = new Connection(); Connection inMemory = new Connection()) {
            occupyEveryPoolThread();

            notRendered.send("GET", "/topics/partnerships/feed.atom");
            notADocument.send("GET", "/status");
            otherMethod.send("POST", "/feed.atom");
            inMemory.send("GET", "/assets/style.css");
            assertThat(inMemory.response(Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
            for (Connection waiting : List.of(notRendered, notADocument, otherMethod)) {
                assertThat(waiting.answersWithin(Duration.ofMillis(500))).isFalse();
            }

            release.countDown();

            assertThat(notRendered.response(Duration.ofSeconds(10))).startsWith("HTTP/1.1 200").contains("Item one");
            assertThat(notADocument.response(Duration.ofSeconds(10))).startsWith("HTTP/1.1 200").endsWith("behind\n");
            assertThat(otherMethod.response(Duration.ofSeconds(10))).startsWith("HTTP/1.1 200").endsWith("behind\n");
        }
    }

    @Test
    void aRequestTheHandlerBehindDoesNotTakeIsA404() throws Exception {
        DocumentHandler handler = (DocumentHandler) jetty.getHandler();
        jetty.stop();
        handler.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        });
        jetty.start();
        port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        assertThat(send("GET", "/status").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/feed.atom").statusCode()).isEqualTo(200);
    }
}
