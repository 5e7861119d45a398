package org.tributary.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.publish.FeedFormat;
import org.tributary.publish.FeedView;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.StoredItem;
import org.tributary.store.Store;

/**
 * The HTTP face of Tributary. Every document is rendered once per store version and served from memory with
 * validators, gzip and cache headers; the handlers only read.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private static final String HTML_CSP = "default-src 'none'; style-src 'self'; img-src http: https:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Supplier<Config> config;
    private final Store store;
    private final Database database;
    private final Publisher publisher;
    private final SourceStatus status;
    private final DocumentCache cache = new DocumentCache(512);
    private final Metrics metrics;
    private final Admin admin;
    private final Javalin app;

    /**
     * The admin routes' settings: a secret that the caller must present (serve writes it to a file in the data
     * directory, readable only by its user) and what a backup does.
     *
     * @param scratch where a backup is written before it is streamed back (and deleted)
     */
    public record Admin(String token, Backup backup, Path scratch) {
        public Admin {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(backup, "backup");
            Objects.requireNonNull(scratch, "scratch");
        }
    }

    /** Writes a consistent copy of the database to the file. */
    @FunctionalInterface
    public interface Backup {
        void to(Path file);
    }

    public WebServer(Supplier<Config> config, Store store, Database database, Publisher publisher,
                     SourceStatus status) {
        this(config, store, database, publisher, status, null, null);
    }

    /**
     * @param metrics when not null, /metrics is served and documents served are counted
     * @param admin   when not null, POST /admin/backup is served to loopback callers with the token
     */
    public WebServer(Supplier<Config> config, Store store, Database database, Publisher publisher,
                     SourceStatus status, Metrics metrics, Admin admin) {
        this.metrics = metrics;
        this.admin = admin;
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.database = Objects.requireNonNull(database);
        this.publisher = Objects.requireNonNull(publisher);
        this.status = Objects.requireNonNull(status);
        this.app = Javalin.create(c -> {
            c.http.compressionStrategy = CompressionStrategy.NONE; // we compress once per document, not per request
            c.startup.showJavalinBanner = false;
            routes(c.routes);
        });
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        both(r, "/", ctx -> page(ctx, null));
        both(r, "/topics/{id}", ctx -> page(ctx, topicOrNull(ctx)));
        for (FeedFormat format : FeedFormat.values()) {
            both(r, "/feed." + format.extension(), ctx -> feed(ctx, format, null));
            both(r, "/topics/{id}/feed." + format.extension(), ctx -> feed(ctx, format, topicOrNull(ctx)));
        }
        both(r, "/sources.opml", this::opml);
        both(r, "/assets/style.css", this::css);
        both(r, "/status", ctx -> {
            ctx.contentType("application/json; charset=utf-8");
            ctx.header("Cache-Control", "no-store");
            ctx.result(status.json());
        });
        both(r, "/status.html", ctx -> {
            securityHeaders(ctx);
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(StatusPage.write(config.get().site().title(), status.rows(), status.live().orElse(null)));
        });
        if (metrics != null) {
            both(r, "/metrics", ctx -> {
                ctx.header("Cache-Control", "no-store");
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
                ctx.result(metrics.scrape(status.rows()));
            });
        }
        if (admin != null) r.post("/admin/backup", this::backup);
        both(r, "/health", ctx -> {
            boolean up = database.isHealthy();
            ctx.status(up ? 200 : 503).contentType("text/plain; charset=utf-8").result(up ? "ok\n" : "database down\n");
            ctx.header("Cache-Control", "no-store");
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) plain(ctx, 404, "not found");
        });
        r.exception(Exception.class, (e, ctx) -> {
            log.error("web: {} {} failed", ctx.method(), ctx.path(), e);
            plain(ctx, 500, "internal error");
        });
    }

    private static void both(io.javalin.config.RoutesConfig r, String path, Handler handler) {
        r.get(path, handler);
        r.head(path, handler);
    }

    /** The topic named in the path, or null after answering 404 (the caller then does nothing). */
    private Topic topicOrNull(Context ctx) {
        return config.get().topic(ctx.pathParam("id")).orElse(null);
    }

    private boolean missingTopic(Context ctx, Topic topic) {
        if (ctx.pathParamMap().containsKey("id") && topic == null) {
            plain(ctx, 404, "no such topic");
            return true;
        }
        return false;
    }

    private void page(Context ctx, Topic topic) {
        if (missingTopic(ctx, topic)) return;
        serveView(ctx, topic, "text/html; charset=utf-8", publisher::html, false);
    }

    private void feed(Context ctx, FeedFormat format, Topic topic) {
        if (missingTopic(ctx, topic)) return;
        String type = format.mediaType() + "; charset=utf-8";
        serveView(ctx, topic, type, view -> publisher.feed(view, format), true);
    }

    private void serveView(Context ctx, Topic topic, String contentType,
                           java.util.function.Function<FeedView, String> render, boolean cors) {
        Config cfg = config.get();
        FeedFilter filter;
        try {
            filter = FeedFilter.parse(ctx.queryParamMap(), cfg, topic == null ? null : topic.id());
        } catch (FeedFilter.BadRequest e) {
            plain(ctx, 400, e.getMessage());
            return;
        }
        long version = store.version().version();
        String key = configKey(cfg) + ctx.path() + "?" + filter.canonicalQuery();
        boolean[] rendered = {false};
        Rendered doc = cache.get(key, version, () -> {
            rendered[0] = true;
            List<StoredItem> items = filter.matchesNothing() ? List.of() : store.items(filter.query());
            FeedView view = topic == null
                    ? FeedView.merged(cfg.site(), cfg.topics(), filter.canonicalQuery(), items, cfg.sourcesById())
                    : FeedView.ofTopic(cfg.site(), topic, cfg.topics(), filter.canonicalQuery(), items,
                    cfg.sourcesById());
            return Rendered.of(render.apply(view), contentType, view.updated());
        });
        boolean html = contentType.startsWith("text/html");
        boolean notModified = send(ctx, doc, cors, html);
        if (metrics != null) {
            metrics.served(html ? "page" : "feed", notModified ? "not-modified" : rendered[0] ? "rendered" : "cached");
        }
    }

    private void opml(Context ctx) {
        Config cfg = config.get();
        Rendered doc = cache.get(configKey(cfg) + "/sources.opml", store.version().version(), () -> Rendered.of(
                publisher.opml(cfg.site(), cfg.sources()), "text/x-opml; charset=utf-8",
                Instant.EPOCH));
        send(ctx, doc, true, false);
    }

    /**
     * Documents depend on the config as well as the store (titles, topics, site): a reloaded config is a new
     * instance, so keying on its identity renders afresh after a reload; the old entries age out of the LRU.
     */
    private static String configKey(Config cfg) {
        return Integer.toHexString(System.identityHashCode(cfg)) + ":";
    }

    private void css(Context ctx) {
        Rendered doc = cache.get("/assets/style.css", 0, () -> Rendered.of(publisher.css(),
                "text/css; charset=utf-8", Instant.EPOCH));
        send(ctx, doc, true, false);
    }

    /** Sends the document, or a 304; true when it was a 304. */
    private static boolean send(Context ctx, Rendered doc, boolean cors, boolean html) {
        ctx.header("ETag", doc.etag());
        ctx.header("Last-Modified", ConditionalGet.httpDate(doc.lastModified()));
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("Vary", "Accept-Encoding");
        if (cors) ctx.header("Access-Control-Allow-Origin", "*");
        if (html) securityHeaders(ctx);
        if (ConditionalGet.notModified(doc, ctx.header("If-None-Match"), ctx.header("If-Modified-Since"))) {
            ctx.status(304);
            return true;
        }
        ctx.contentType(doc.contentType());
        boolean gzip = acceptsGzip(ctx.header("Accept-Encoding"));
        byte[] body = gzip ? doc.gzipped() : doc.body();
        if (gzip) ctx.header("Content-Encoding", "gzip");
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != io.javalin.http.HandlerType.HEAD) ctx.result(body);
        return false;
    }

    /**
     * An online backup, for `tributary backup` while serve holds the H2 directory: only H2's own process can copy
     * it consistently. The caller must be on this machine and present the token from the data directory.
     */
    private void backup(Context ctx) throws IOException {
        String presented = ctx.header("Authorization");
        boolean tokenOk = presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + admin.token()).getBytes(StandardCharsets.UTF_8));
        if (!isLoopback(ctx.req().getRemoteAddr()) || !tokenOk) {
            plain(ctx, 403, "forbidden");
            return;
        }
        Path file = admin.scratch().resolve("backup-" + UUID.randomUUID() + ".zip");
        try {
            admin.backup().to(file);
            log.info("web: online backup of {} bytes sent", Files.size(file));
            ctx.contentType("application/zip").header("Cache-Control", "no-store");
            ctx.result(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                return p.length < 2 || !p[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", HTML_CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    private static void plain(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    /** Starts listening on 127.0.0.1/0.0.0.0 port; 0 picks a free one. Returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
