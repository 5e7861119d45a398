package org.tributary.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Another web server on loopback, as a library's web team runs one: host pages that embed our widgets, a directory
 * of exported files under a path (as nginx serves them: a directory answers with its index.html), or a reverse
 * proxy that forwards a path prefix to Tributary, stripping the prefix or keeping it.
 */
public final class LocalSite implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "atom", "application/atom+xml; charset=utf-8", "rss", "application/rss+xml; charset=utf-8",
            "json", "application/feed+json; charset=utf-8", "opml", "text/x-opml; charset=utf-8",
            "ico", "image/x-icon", "svg", "image/svg+xml", "txt", "text/plain; charset=utf-8");

    private final HttpServer server;

    public LocalSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    /** http://127.0.0.1:PORT + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves a fixed HTML page at exactly this path. */
    public LocalSite page(String path, String html) {
        server.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, TYPES.get("html"), html.getBytes(StandardCharsets.UTF_8));
        });
        return this;
    }

    /** Serves the files under dir at prefix ("/news"), a directory by its index.html, as a static server does. */
    public LocalSite files(String prefix, Path dir) {
        server.createContext(prefix + "/", exchange -> {
            String rest = exchange.getRequestURI().getPath().substring(prefix.length() + 1);
            Path file = dir.resolve(rest).normalize();
            if (!file.startsWith(dir)) {
                send(exchange, 403, "text/plain", new byte[0]);
                return;
            }
            if (Files.isDirectory(file)) {
                if (!rest.isEmpty() && !rest.endsWith("/")) {
                    exchange.getResponseHeaders().add("Location", prefix + "/" + rest + "/");
                    send(exchange, 301, "text/plain", new byte[0]);
                    return;
                }
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            send(exchange, 200, type, Files.readAllBytes(file));
        });
        return this;
    }

    /**
     * Forwards GET requests under prefix to backend (http://127.0.0.1:PORT), without the prefix when strip is true
     * (nginx's {@code proxy_pass http://backend/;}) or as they came ({@code proxy_pass http://backend;}).
     */
    public LocalSite proxy(String prefix, String backend, boolean strip) {
        server.createContext(prefix, exchange -> {
            URI in = exchange.getRequestURI();
            String path = strip ? in.getRawPath().substring(prefix.length()) : in.getRawPath();
            if (path.isEmpty()) path = "/";
            String target = backend + path + (in.getRawQuery() == null ? "" : "?" + in.getRawQuery());
            try {
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(target))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                for (String name : List.of("Content-Type", "Location", "Access-Control-Allow-Origin",
                        "Content-Security-Policy", "ETag", "Cache-Control")) {
                    r.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().add(name, v));
                }
                send(exchange, r.statusCode(), null, r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 502, "text/plain", new byte[0]);
            }
        });
        return this;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException ignored) {
            // the browser went away
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
