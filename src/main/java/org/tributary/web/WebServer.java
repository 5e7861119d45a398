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
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;

/**
 * The HTTP face of Tributary. Every document is rendered once per store version and served from memory with
 * validators, gzip and cache headers; the handlers only read. When site.hub is set, a {@link HubNotifier} pings
 * the hub after the store changes.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** Default number of items on /embed; five is what fits in a sidebar. */
    static final int EMBED_ITEMS = 5;

    private final Supplier<Config> config;
    private final Database database;
    private final SourceStatus status;
    private final Documents documents;
    private final HubNotifier hub;
    private final Metrics metrics;
    private final Admin admin;
    private final Javalin app;
    /** Where {@link #start} listens; the connector that Javalin builds while starting reads them. */
    private String host;
    private int port;

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

    /** A server that asks the store for its version on every request: what tests want (no staleness at all). */
    public WebServer(Supplier<Config> config, Store store, Database database, Publisher publisher,
                     SourceStatus status) {
        this(config, store, database, publisher, status, InstantSource.system(), Duration.ZERO, null, null);
    }

    /**
     * @param clock      the WebSub notifier's clock (how long the store has been quiet before a ping) and the
     *                   version cache's
     * @param versionTtl how long one look at the store's version is trusted; serve uses one second
     * @param metrics    when not null, /metrics is served and documents served are counted
     * @param admin      when not null, POST /admin/backup is served to loopback callers with the token
     */
    public WebServer(Supplier<Config> config, Store store, Database database, Publisher publisher,
                     SourceStatus status, InstantSource clock, Duration versionTtl, Metrics metrics, Admin admin) {
        this(config, store, database, publisher, status, clock, versionTtl, metrics, admin,
                new DocumentCache(DocumentCache.DEFAULT_MAX_DOCUMENTS, DocumentCache.DEFAULT_MAX_BYTES));
    }

    /** @param cache where rendered documents are kept: its bounds are all the memory documents may take */
    WebServer(Supplier<Config> config, Store store, Database database, Publisher publisher, SourceStatus status,
              InstantSource clock, Duration versionTtl, Metrics metrics, Admin admin, DocumentCache cache) {
        this.config = Objects.requireNonNull(config);
        this.database = Objects.requireNonNull(database);
        this.status = Objects.requireNonNull(status);
        this.metrics = metrics;
        this.admin = admin;
        this.documents = new Documents(config, store, new ItemPages(store), Objects.requireNonNull(publisher),
                clock, versionTtl, metrics == null ? () -> { } : metrics::rendered, cache);
        this.hub = new HubNotifier(documents, clock, Duration.ofSeconds(5));
        this.app = Javalin.create(c -> {
            c.http.compressionStrategy = CompressionStrategy.NONE; // we compress once per document, not per request
            c.startup.showJavalinBanner = false;
            // Documents are answered in front of Javalin (see DocumentHandler); Javalin gets everything else.
            c.jetty.modifyServer(server -> server.setHandler(new DocumentHandler(config, documents, metrics)));
            c.jetty.addConnector(this::connector);
            routes(c.routes);
        });
    }

    /** The routes that are not documents: status, metrics, health, admin, and the 404 and 500 answers. */
    private void routes(io.javalin.config.RoutesConfig r) {
        both(r, "/status", ctx -> {
            ctx.contentType("application/json; charset=utf-8");
            ctx.header("Cache-Control", "no-store");
            ctx.result(status.json());
        });
        both(r, "/status.html", ctx -> {
            DocumentHandler.HTML_SECURITY.forEach(f -> ctx.header(f.getName(), f.getValue()));
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
            // A route's own 404 ("no such item") stands; Javalin's "Endpoint GET /x not found" echoes the request.
            String result = ctx.result();
            if (result != null && !result.isEmpty() && !result.startsWith("Endpoint ")) return;
            String method = ctx.method().name();
            boolean read = method.equals("GET") || method.equals("HEAD");
            if (!read && (DocumentHandler.isDocumentRoute(ctx.path()) || READ_ONLY_ROUTES.contains(ctx.path()))) {
                ctx.header("Allow", "GET, HEAD");
                plain(ctx, 405, "method not allowed; use GET or HEAD");
            } else {
                plain(ctx, 404, "not found");
            }
        });
        r.exception(Exception.class, (e, ctx) -> {
            // The exception's text stays in the log (one line, no stack trace per request), never in the answer.
            log.error("web: {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            plain(ctx, 500, "internal error");
        });
    }

    /** Javalin's routes that answer GET and HEAD only. */
    private static final java.util.Set<String> READ_ONLY_ROUTES = java.util.Set.of("/status", "/status.html",
            "/health", "/metrics");

    private static void both(io.javalin.config.RoutesConfig r, String path, Handler handler) {
        r.get(path, handler);
        r.head(path, handler);
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

    private static void plain(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    /**
     * One selector thread per core, not Jetty's default of one per two cores: the document handler is non-blocking,
     * so the selector threads are the ones that answer documents, as nginx has a worker per core. With one selector
     * on two cores, 304s stayed where they were (bench/serve).
     */
    private ServerConnector connector(Server server, HttpConfiguration http) {
        ServerConnector connector = new ServerConnector(server, -1, Runtime.getRuntime().availableProcessors(),
                new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** Starts listening on host and port (0 picks a free one) and, with a hub, watching for changes. */
    public int start(String host, int port) {
        this.host = host;
        this.port = port;
        app.start(host, port);
        hub.start(Duration.ofSeconds(1));
        return app.port();
    }

    /**
     * How Jetty runs a request: NON_BLOCKING when every handler says so ({@link DocumentHandler} does for the
     * whole tree), so a document in memory is answered on the thread that read the request (bench/serve).
     */
    Invocable.InvocationType invocationType() {
        return app.jettyServer().server().getInvocationType();
    }

    /** How many selector threads read requests (and so answer documents in memory). */
    int selectors() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getSelectorManager()
                .getSelectorCount();
    }

    Documents documents() {
        return documents;
    }

    @Override
    public void close() {
        hub.close();
        app.stop();
    }
}
