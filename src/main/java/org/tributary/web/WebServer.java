package org.tributary.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.InetAddressSet;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.tributary.config.Config;
import org.tributary.outbound.Outbound;
import org.tributary.publish.Publisher;
import org.tributary.publish.Views;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.AuditLog;
import org.tributary.store.Database;
import org.tributary.store.Moderation;
import org.tributary.store.Store;

/**
 * The HTTP face of Tributary. Every document is rendered once per store version and served from memory with
 * validators, gzip and cache headers; the handlers only read. When site.hub is set, a {@link HubNotifier} pings
 * the hub after the store changes.
 */
public final class WebServer implements AutoCloseable {

    private final Supplier<Config> config;
    private final Database database;
    private final SourceStatus status;
    private final Documents documents;
    private final HubNotifier hub;
    private final Metrics metrics;
    private final Admin admin;
    private final ImageProxy images;
    private final Store store;
    private final InstantSource clock;
    private final Javalin app;
    /** Where {@link #start} listens; the connector that Javalin builds while starting reads them. */
    private String host;
    private int port;

    /**
     * The admin API's settings (see {@link AdminApi}).
     *
     * @param token       the secret a caller presents as "Authorization: Bearer TOKEN"
     * @param nonce       this run's identity, written beside the address in the data directory: the server proves
     *                    it knows both before a client sends the token
     * @param scratch     where a backup or export is written before it is streamed back (and deleted)
     * @param refresh     fetches a source now; empty when feeds.yml has no source with that id
     * @param export      writes every published document under a directory, returns the number of files
     * @param backup      a consistent copy of the database, null when the database has its own tools (PostgreSQL)
     * @param thisMachine which callers count as this machine when admin.allow_remote is false
     */
    public record Admin(String token, String nonce, Path scratch, Function<String, Optional<RefreshReport>> refresh,
                        Export export, Backup backup, Predicate<InetAddress> thisMachine) {
        public Admin {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(scratch, "scratch");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(export, "export");
            Objects.requireNonNull(thisMachine, "thisMachine");
        }

        public Admin(String token, String nonce, Path scratch, Function<String, Optional<RefreshReport>> refresh,
                     Export export, Backup backup) {
            this(token, nonce, scratch, refresh, export, backup, AdminApi::isThisMachine);
        }

        /** Without the token and the nonce: a record prints its fields, and this one may end up in a log line. */
        @Override
        public String toString() {
            return "Admin[scratch=" + scratch + ", backup=" + (backup != null) + "]";
        }
    }

    /** Writes a consistent copy of the database to the file. */
    @FunctionalInterface
    public interface Backup {
        void to(Path file);
    }

    /** Writes every published document as static files under the directory; returns how many. */
    @FunctionalInterface
    public interface Export {
        int to(Path dir) throws IOException;
    }

    /**
     * What a server is built from.
     *
     * @param clock      what documents are dated with (Last-Modified, past events); intervals (the version's
     *                   trust, WebSub's quiet period) are measured on a monotonic ticker instead
     * @param versionTtl how long one look at the store's version is trusted; serve uses one second
     * @param metrics    when not null, /metrics is served and documents served are counted
     * @param admin      when not null, the admin API is served under /admin/
     * @param images     when not null, site.image_proxy's images are served under /images/
     */
    public record Parts(Supplier<Config> config, Store store, Database database, Publisher publisher,
                        SourceStatus status, InstantSource clock, Duration versionTtl, Metrics metrics, Admin admin,
                        ImageProxy images) {
        public Parts {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(versionTtl, "versionTtl");
        }

        /** The system clock, the store's version asked on every request, no metrics and no admin API. */
        public static Parts of(Supplier<Config> config, Store store, Database database, Publisher publisher,
                               SourceStatus status) {
            return new Parts(config, store, database, publisher, status, InstantSource.system(), Duration.ZERO,
                    null, null, null);
        }

        public Parts withClock(InstantSource clock) {
            return new Parts(config, store, database, publisher, status, clock, versionTtl, metrics, admin, images);
        }

        public Parts withVersionTtl(Duration versionTtl) {
            return new Parts(config, store, database, publisher, status, clock, versionTtl, metrics, admin, images);
        }

        public Parts withMetrics(Metrics metrics) {
            return new Parts(config, store, database, publisher, status, clock, versionTtl, metrics, admin, images);
        }

        public Parts withAdmin(Admin admin) {
            return new Parts(config, store, database, publisher, status, clock, versionTtl, metrics, admin, images);
        }

        /** With site.image_proxy's route, /images/{key}. */
        public Parts withImages(ImageProxy images) {
            return new Parts(config, store, database, publisher, status, clock, versionTtl, metrics, admin, images);
        }
    }

    /** A server that asks the store for its version on every request: what tests want (no staleness at all). */
    public WebServer(Supplier<Config> config, Store store, Database database, Publisher publisher,
                     SourceStatus status) {
        this(Parts.of(config, store, database, publisher, status));
    }

    public WebServer(Parts parts) {
        this(parts, new DocumentCache(DocumentCache.DEFAULT_MAX_DOCUMENTS, DocumentCache.DEFAULT_MAX_BYTES));
    }

    /** @param cache where rendered documents are kept: its bounds are all the memory documents may take */
    WebServer(Parts parts, DocumentCache cache) {
        Supplier<Config> config = parts.config();
        Store store = parts.store();
        InstantSource clock = parts.clock();
        Metrics metrics = parts.metrics();
        this.config = config;
        this.database = parts.database();
        this.status = parts.status();
        this.metrics = metrics;
        this.admin = parts.admin();
        this.images = parts.images();
        this.store = store;
        this.clock = clock;
        this.documents = new Documents(config, store, new Views(parts.publisher(), store, clock),
                clock, parts.versionTtl(), metrics == null ? () -> { } : metrics::rendered, cache, Ticker.system());
        this.hub = new HubNotifier(documents, new Outbound(() -> config.get().fetch().userAgent()), Ticker.system(),
                Duration.ofSeconds(5));
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
            ctx.result(StatusPage.write(config.get().site(),
                    org.tributary.publish.Messages.forLanguage(config.get().site().language()), status.rows(),
                    status.live().orElse(null), status.storeFailure().orElse(null)));
        });
        if (metrics != null) {
            both(r, "/metrics", ctx -> {
                if (!mayReadMetrics(ctx)) {
                    plain(ctx, 403, "forbidden: /metrics answers loopback and metrics.allow only");
                    return;
                }
                ctx.header("Cache-Control", "no-store");
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
                ctx.result(metrics.scrape(status.rows(), status.storeFailure()));
            });
        }
        if (admin != null) {
            new AdminApi(admin, config, store, new AuditLog(database), new Moderation(database), status, clock)
                    .routes(r);
        }
        if (images != null) images.routes(r);
        both(r, "/health", ctx -> {
            boolean up = database.isHealthy();
            String down = database.failures().current().map(f -> "store failing: " + f.reason())
                    .orElse("database down");
            ctx.status(up ? 200 : 503).contentType("text/plain; charset=utf-8").result(up ? "ok\n" : down + "\n");
            ctx.header("Cache-Control", "no-store");
        });
        r.error(404, ctx -> {
            // A route's own 404 ("no such item") stands; Javalin's "Endpoint GET /x not found" echoes the request.
            String result = ctx.result();
            if (result != null && !result.isEmpty() && !result.startsWith("Endpoint ")) return;
            String method = ctx.method().name();
            boolean read = method.equals("GET") || method.equals("HEAD");
            if (ctx.path().startsWith("/admin/")) {
                AdminApi.error(ctx, 404, "no such admin route");
            } else if (!read && (DocumentHandler.isDocumentRoute(ctx.path()) || READ_ONLY_ROUTES.contains(ctx.path()))) {
                ctx.header("Allow", "GET, HEAD");
                plain(ctx, 405, "method not allowed; use GET or HEAD");
            } else {
                ctx.header("Access-Control-Allow-Origin", "*");   // a widget's fetch sees the 404, not a CORS error
                plain(ctx, 404, "not found");
            }
        });
        r.exception(Exception.class, new RouteFailures(() -> database.failures().current().isPresent())::answer);
    }

    /** Javalin's routes that answer GET and HEAD only. */
    private static final java.util.Set<String> READ_ONLY_ROUTES = java.util.Set.of("/status", "/status.html",
            "/health", "/metrics");

    private static void both(io.javalin.config.RoutesConfig r, String path, Handler handler) {
        r.get(path, handler);
        r.head(path, handler);
    }

    /**
     * /metrics names every source and its health: loopback and the metrics.allow ranges only. A request that came
     * through a reverse proxy on this machine arrives from loopback, so when it carries X-Forwarded-For the address
     * the nearest proxy saw (the last one listed) is judged instead, and a bare Forwarded header is refused.
     */
    private boolean mayReadMetrics(Context ctx) {
        String address = ctx.req().getRemoteAddr();
        String forwardedFor = ctx.header("X-Forwarded-For");
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            address = hops[hops.length - 1].strip();
        } else if (ctx.header("Forwarded") != null) {
            return false;
        }
        if (!address.matches("[0-9A-Fa-f:.]+")) return false;   // an address literal, never a name to look up
        if (isLoopback(address) && forwardedFor == null) return true;
        InetAddressSet allowed = new InetAddressSet();
        config.get().metricsAllow().forEach(allowed::add);
        try {
            return !allowed.isEmpty() && allowed.test(InetAddress.getByName(address));
        } catch (UnknownHostException | RuntimeException notAnAddress) {
            return false;
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
        // Slow clients: a deadline for each request's headers, and a cap on open connections (beyond it Jetty stops
        // accepting until one closes, so a flood of idle connections cannot take every file descriptor).
        connector.addEventListener(new HeaderDeadline(connector.getScheduler(), headerDeadline));
        server.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        return connector;
    }

    /** How long a client may take to send a request's line and headers (see {@link HeaderDeadline}). */
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    /** Open connections at most; nginx's default worker_connections is 512 per worker. */
    static final int MAX_CONNECTIONS = 4096;
    private Duration headerDeadline = HEADER_DEADLINE;

    /** For tests: a shorter header deadline; before {@link #start}. */
    WebServer headerDeadline(Duration deadline) {
        this.headerDeadline = Objects.requireNonNull(deadline);
        return this;
    }

    /** Starts listening on host and port (0 picks a free one) and, with a hub, watching for changes. */
    public int start(String host, int port) {
        this.host = host;
        this.port = port;
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw bindFailure(host, port, e);
        }
        hub.start(Duration.ofSeconds(1));
        return app.port();
    }

    /**
     * Javalin says "Port already in use" for any failure to bind; an address that is not this machine's (a typo in
     * --host, an address of another interface or of a machine that was) is said to be that instead.
     */
    static RuntimeException bindFailure(String host, int port, RuntimeException e) {
        boolean bind = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) bind = true;
            if (t.getCause() == t) break;
        }
        if (!bind && !String.valueOf(e.getMessage()).contains("Port already in use")) return e;
        if (host != null && !host.isEmpty()) {
            try {
                InetAddress address = InetAddress.getByName(host);
                if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                        && java.net.NetworkInterface.getByInetAddress(address) == null) {
                    return new IllegalStateException("--host " + host + ": not an address of this machine; use one "
                            + "of its interfaces' addresses, 127.0.0.1 or 0.0.0.0 (TRIBUTARY_HOST)", e);
                }
            } catch (UnknownHostException unknown) {
                return new IllegalStateException("--host " + host + ": unknown host", e);
            } catch (java.net.SocketException | RuntimeException cannotTell) {
                // fall through to the port
            }
        }
        return new IllegalStateException("Port already in use: port " + port + " on " + host
                + " is taken by another process", e);
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
