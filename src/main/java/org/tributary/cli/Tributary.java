package org.tributary.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.tributary.alert.Alerter;
import org.tributary.alert.EmailNotifier;
import org.tributary.alert.Notifier;
import org.tributary.alert.WebhookNotifier;
import org.tributary.config.Alerts;
import org.tributary.config.Config;
import org.tributary.config.ConfigWatcher;
import org.tributary.config.LiveConfig;
import org.tributary.fetch.Fetcher;
import org.tributary.normalize.Normalizer;
import org.tributary.outbound.Outbound;
import org.tributary.parse.FeedParser;
import org.tributary.publish.Publisher;
import org.tributary.refresh.RefreshListener;
import org.tributary.refresh.Refresher;
import org.tributary.schedule.SourceScheduler;
import org.tributary.store.AlertStore;
import org.tributary.store.Backups;
import org.tributary.store.Database;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;
import org.tributary.web.ImageProxy;
import org.tributary.web.Metrics;
import org.tributary.web.SourceStatus;
import org.tributary.web.WebServer;

/**
 * The composition root: builds every stage in pipeline order and closes them in reverse, and ({@link #serve}) the
 * scheduler, watcher and web server that run them. Reading this class shows the architecture; nothing else
 * constructs a stage.
 */
final class Tributary implements AutoCloseable {

    /** How long one alert delivery may take (it runs on a refresh thread, so shutdown waits for it). */
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(10);

    /** The config in force: serve swaps it on reload; every reader goes through it. */
    final LiveConfig config;
    final InstantSource clock;
    final Database database;
    final Store store;
    final ItemPages pages;
    final Fetcher fetcher;
    final FeedParser parser;
    final Normalizer normalizer;
    final Metrics metrics;
    /** Everything Tributary sends on its own (alert webhooks here; serve's WebSub pings use the same client). */
    final Outbound outbound;
    final Alerter alerter;
    final Refresher refresher;
    final Publisher publisher;
    /** site.image_proxy's images, served by serve's web server and written by export (one cache under DATA/images). */
    final ImageProxy images;

    private Tributary(Config config, Database database, Environment env, InstantSource clock, Path dataDir) {
        this.config = new LiveConfig(config, clock.instant());
        this.clock = clock;
        this.database = database;
        this.fetcher = new Fetcher(config.fetch(), clock);
        this.parser = new FeedParser();
        this.normalizer = new Normalizer(config.site().excerptChars());
        this.store = new Store(database, config.site().mergeDuplicates());
        this.pages = new ItemPages(store);
        this.metrics = new Metrics(BuildInfo.current().version());
        this.outbound = new Outbound(() -> this.config.get().fetch().userAgent());
        this.alerter = new Alerter(this.config, store, new AlertStore(database),
                alerts -> notifiers(alerts, env, outbound), clock);
        this.refresher = new Refresher(fetcher, parser, normalizer, store, clock, new java.util.SplittableRandom(),
                RefreshListener.all(List.of(metrics, alerter)));
        this.publisher = new Publisher();
        this.images = new ImageProxy(this.config, store, fetcher, dataDir.resolve("images"), clock);
    }

    private static List<Notifier> notifiers(Alerts alerts, Environment env, Outbound outbound) {
        List<Notifier> notifiers = new ArrayList<>();
        if (alerts.webhook() != null) notifiers.add(new WebhookNotifier(alerts.webhook(), outbound, ALERT_TIMEOUT));
        if (alerts.email() != null) {
            notifiers.add(new EmailNotifier(alerts.email(), env.smtpUser(), env.smtpPassword(), ALERT_TIMEOUT));
        }
        return notifiers;
    }

    /** Opens the database named by the environment (TRIBUTARY_DB_URL), else the H2 file under dataDir. */
    static Tributary open(Config config, Path dataDir, Environment env, InstantSource clock) {
        Database database = env.dbUrl() != null
                ? Database.open(env.dbUrl(), env.dbUser(), env.dbPassword())
                : Database.h2(dataDir);
        try {
            return new Tributary(config, database, env, clock, dataDir);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** An editor's save is often several writes; the file must be quiet this long before it is read. */
    static final Duration RELOAD_QUIET = Duration.ofMillis(500);

    /** How often a clustered node checks in; the others take it for dead after this plus Quartz's 7.5 s grace. */
    static final Duration CLUSTER_CHECKIN = Duration.ofSeconds(5);

    /**
     * Everything serve runs, built on the stages in order and started: the scheduler and its refreshes, the
     * feeds.yml watcher, the status, the admin API and the web server. Closing the service stops it in reverse.
     */
    static Service serve(ServeOptions options) {
        Tributary app = open(options.initial(), options.dataDir(), options.environment(), InstantSource.system());
        SourceScheduler scheduler = null;
        Service service;
        try {
            SourceRefreshes refreshes = new SourceRefreshes(app.config, app.refresher, app.store);
            scheduler = scheduler(app, options, refreshes);
            SourceScheduler scheduled = scheduler;
            ConfigWatcher watcher = new ConfigWatcher(options.configFile(), app.config,
                    c -> scheduled.schedule(options.scheduled(c)), app.clock, RELOAD_QUIET);
            SourceStatus status = new SourceStatus(app.config, app.store, scheduler::nextFireTime);
            boolean h2 = app.database.vendor().equals("h2") && options.environment().dbUrl() == null;
            String nonce = AdminToken.random();
            WebServer.Admin admin = new WebServer.Admin(AdminToken.forServe(options.environment(), options.dataDir()),
                    nonce, options.dataDir(), refreshes::now,
                    dir -> ExportCommand.writeAll(app, app.config.get(), dir),
                    h2 ? file -> Backups.backup(app.database, file) : null);
            // One look at the store's version is trusted for a second: a query per request would cost more than a 304.
            WebServer web = new WebServer(WebServer.Parts.of(app.config, app.store, app.database, app.publisher, status)
                    .withClock(app.clock).withVersionTtl(Duration.ofSeconds(1)).withMetrics(app.metrics)
                    .withAdmin(admin).withImages(app.images));
            service = new Service(app, scheduler, watcher, web, options, h2, nonce);
        } catch (RuntimeException buildFailed) {
            if (scheduler != null) scheduler.close();
            app.close();
            throw buildFailed;
        }
        return service.start();
    }

    /**
     * On PostgreSQL every node joins one Quartz cluster in the shared database; on H2 the one node keeps its
     * schedule in memory.
     */
    private static SourceScheduler scheduler(Tributary app, ServeOptions options, SourceScheduler.Action refresh) {
        Duration spread = Duration.ofSeconds(Math.min(10, options.initial().sources().size()));
        int threads = options.threads();
        return app.database.isShared()
                ? SourceScheduler.clustered(refresh, threads, spread,
                        app.database.sidePool("tributary-quartz", threads + 3), CLUSTER_CHECKIN,
                        options.misfireThreshold())
                : new SourceScheduler(refresh, threads, spread);
    }

    /** The stages check --fetch needs: fetch, parse, normalize, and no database. */
    static Probe probe(Config config) {
        return new Probe(new Fetcher(config.fetch(), InstantSource.system()), new FeedParser(),
                new Normalizer(config.site().excerptChars()));
    }

    record Probe(Fetcher fetcher, FeedParser parser, Normalizer normalizer) implements AutoCloseable {
        @Override
        public void close() {
            fetcher.close();
        }
    }

    @Override
    public void close() {
        fetcher.close();
        metrics.close();
        database.close();
    }
}
