package org.tributary.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.ConfigWatcher;
import org.tributary.config.Source;
import org.tributary.refresh.RefreshReport;
import org.tributary.schedule.SourceScheduler;
import org.tributary.store.Backups;
import org.tributary.store.Store;
import org.tributary.web.SourceStatus;
import org.tributary.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Schedules every source, fetches each once at start, and serves HTTP until stopped. "
                + "feeds.yml is watched: a changed file (or SIGHUP) is applied without a restart.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    /** An editor's save is often several writes; the file must be quiet this long before it is read. */
    static final Duration RELOAD_QUIET = Duration.ofMillis(500);

    @ParentCommand
    Main main;

    @Option(names = "--port", defaultValue = "${env:TRIBUTARY_PORT:-8080}",
            description = "HTTP port (env TRIBUTARY_PORT; default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "${env:TRIBUTARY_HOST:-0.0.0.0}",
            description = "address to listen on (env TRIBUTARY_HOST; default: ${DEFAULT-VALUE}; the systemd unit "
                    + "sets 127.0.0.1, behind a reverse proxy)")
    String host;

    @Option(names = "--threads", defaultValue = "8", description = "sources refreshed at the same time (default: ${DEFAULT-VALUE})")
    int threads;

    /**
     * For tests only (hidden): every source refreshes at this ISO-8601 interval (PT3S) instead of its feeds.yml
     * `every`, which must be at least a minute. The config's own validation is untouched.
     */
    @Option(names = "--test-every", hidden = true)
    Duration testEvery;

    /** How often the store is probed with a write while it works, and while it fails. */
    static final Duration STORE_PROBE = Duration.ofSeconds(30);
    static final Duration STORE_RETRY = Duration.ofSeconds(5);

    /** How often a clustered node checks in; the others take it for dead after this plus Quartz's 7.5 s grace. */
    private static final Duration CLUSTER_CHECKIN = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        Config initial = main.loadConfig(main.spec.commandLine().getErr());
        if (initial == null) return Main.BAD_INPUT;
        Tributary app = main.open(initial);
        // Jobs look their source up in the live config when they fire, so an edited URL or rule applies next time.
        // One refresh of a source at a time on this node: a scheduled one and an editor's "refresh now" take turns.
        Map<String, Object> refreshing = new ConcurrentHashMap<>();
        Function<String, Optional<RefreshReport>> refreshNow = sourceId -> {
            synchronized (refreshing.computeIfAbsent(sourceId, id -> new Object())) {
                return app.config.get().source(sourceId).map(app.refresher::refresh);
            }
        };
        SourceScheduler.Action refresh = (sourceId, next) -> {
            refreshNow.apply(sourceId);
            try {
                if (next != null) app.store.saveNextFetch(sourceId, next);
            } catch (RuntimeException e) {
                // A failing store has said so (once a minute); the schedule in memory goes on without it.
                if (!Store.isStoreFailure(e)) throw e;
            }
        };
        Duration spread = Duration.ofSeconds(Math.min(10, initial.sources().size()));
        // On PostgreSQL every node joins one Quartz cluster in the shared database; on H2 the one node keeps its
        // schedule in memory.
        SourceScheduler scheduler = app.database.isShared()
                ? SourceScheduler.clustered(refresh, threads, spread,
                        app.database.sidePool("tributary-quartz", threads + 3), CLUSTER_CHECKIN, misfireThreshold())
                : new SourceScheduler(refresh, threads, spread);
        ConfigWatcher watcher = new ConfigWatcher(main.config, app.config, c -> scheduler.schedule(scheduled(c)),
                app.clock, RELOAD_QUIET);
        SourceStatus status = new SourceStatus(app.config, app.store, scheduler::nextFireTime);
        Path dataDir = main.data.toAbsolutePath();
        boolean h2 = app.database.vendor().equals("h2") && main.environment().dbUrl() == null;
        String adminToken = AdminToken.forServe(main.environment(), dataDir);
        String nonce = AdminToken.random();
        WebServer.Admin admin = new WebServer.Admin(adminToken, nonce, dataDir, refreshNow,
                dir -> ExportCommand.writeAll(app, app.config.get(), dir),
                h2 ? file -> Backups.backup(app.database, file) : null);
        // One look at the store's version is trusted for a second: a query per request would cost more than a 304.
        WebServer web = new WebServer(app.config, app.store, app.database, app.publisher, status, app.clock,
                Duration.ofSeconds(1), app.metrics, admin);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // SIGTERM and Ctrl-C ask for a clean stop; the main thread then stops in order and exits 0.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopRequested.countDown());
        }
        // SIGHUP: read feeds.yml now (the watcher usually has already).
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> watcher.requestReload(Duration.ZERO, true));
        } catch (IllegalArgumentException noHup) {
            log.info("serve: no SIGHUP on this platform; feeds.yml is still watched");
        }
        int actual;
        try {
            scheduler.schedule(scheduled(initial));
            scheduler.start();
            watcher.start();
            actual = web.start(host, port);
        } catch (RuntimeException startFailed) {
            // A port in use or a scheduler that cannot start: close what did start, or its threads keep the JVM up.
            watcher.close();
            web.close();
            scheduler.close();
            app.close();
            throw startFailed;
        }
        // A store that fails (full disk, read-only file) is seen within STORE_PROBE even when no source is due, and
        // its recovery within STORE_RETRY of the cause going away.
        app.database.watch(STORE_PROBE, STORE_RETRY);
        if (h2) AdminFile.of(host, actual, nonce).write(dataDir);
        log.info("serving {} sources on http://{}:{}/ (data: {})", initial.sources().size(), host, actual,
                app.database.vendor());
        System.out.println("tributary: listening on port " + actual);
        System.out.flush();
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Stop taking requests and reloads; let refreshes in flight finish (each is bounded by fetch.timeout plus
        // parsing, storing and at most one alert delivery of ALERT_TIMEOUT); then close the database.
        log.info("stopping");
        if (h2) AdminFile.delete(dataDir);
        watcher.close();
        web.close();
        scheduler.close();
        app.close();
        return Main.OK;
    }

    /** The sources as scheduled: as configured, or all at the hidden test interval. */
    private java.util.List<Source> scheduled(Config config) {
        if (testEvery == null) return config.sources();
        return config.sources().stream().map(s -> new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), s.type(),
                s.topics(), testEvery, s.owner(), s.rules(), s.fetchOptions(), s.itemOptions())).toList();
    }

    /** A minute (feeds.yml's shortest `every`), or the test interval when shorter: see SourceScheduler.clustered. */
    private Duration misfireThreshold() {
        Duration minute = Duration.ofMinutes(1);
        return testEvery != null && testEvery.compareTo(minute) < 0 ? testEvery : minute;
    }
}
