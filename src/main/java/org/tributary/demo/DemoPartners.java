package org.tributary.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the demo partner feeds from classpath resources under {@code demo/}, with the caching manners a good
 * partner has: Content-Type, a strong ETag, Last-Modified, 304 on a matching validator, gzip when asked.
 * Run it with {@code java -cp ... org.tributary.demo.DemoPartners [port]} (default 8099).
 */
public final class DemoPartners implements AutoCloseable {

    public static final int DEFAULT_PORT = 8099;

    private final HttpServer server;
    private final ExecutorService workers;
    private final URI baseUrl;

    private DemoPartners(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port  0 picks a free port (tests); feeds.yml for the demo expects {@link #DEFAULT_PORT}
     * @param clock gives the Last-Modified of every document: the moment the server started
     */
    public static DemoPartners start(int port, InstantSource clock) throws IOException {
        // The JDK server holds each small response back ~40 ms (Nagle against delayed ACK) unless told otherwise.
        // It reads this once, when the first HttpServer of the JVM is made, so it has to be set before that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "demo-partners");
            thread.setDaemon(true);
            return thread;
        });
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        DemoSite site = new DemoSite(base, clock.instant());
        server.createContext("/", exchange -> respond(exchange, site));
        server.setExecutor(workers);
        server.start();
        return new DemoPartners(server, workers);
    }

    /** http://127.0.0.1:PORT, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, DemoSite site) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, null);
                return;
            }
            ServedFile document = site.find(exchange.getRequestURI().getPath());
            if (document == null) {
                send(exchange, 404, null);
                return;
            }
            ServedFile.Variant variant = document.variantFor(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", document.contentType());
            headers.set("ETag", variant.etag());
            headers.set("Last-Modified", document.lastModified());
            headers.set("Cache-Control", "max-age=60");
            headers.set("Vary", "Accept-Encoding");
            if (document.notModified(exchange.getRequestHeaders().getFirst("If-None-Match"),
                    exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                send(exchange, 304, null);
                return;
            }
            if (variant.gzipped()) headers.set("Content-Encoding", "gzip");
            send(exchange, 200, method.equals("HEAD") ? null : variant.bytes());
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // -1 is the JDK server's way of saying "no body"; a HEAD also sends none.
        exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** {@code DemoPartners [port]}: serves until the process is stopped. */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        DemoPartners demo = start(port, InstantSource.system());
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-partners-stop"));
        System.out.println("Demo partner feeds on " + demo.baseUrl() + "/ (Ctrl-C to stop):");
        DemoSite.FEEDS.forEach(path -> System.out.println("  " + demo.baseUrl() + path));
    }
}
