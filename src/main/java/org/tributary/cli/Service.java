package org.tributary.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.tributary.config.ConfigWatcher;
import org.tributary.schedule.SourceScheduler;
import org.tributary.web.WebServer;

/**
 * A running serve: the stages (in {@link Tributary}), the scheduler, the feeds.yml watcher and the web server.
 * {@link #close} stops taking requests and reloads, lets refreshes in flight finish (each is bounded by
 * fetch.timeout plus parsing, storing and at most one alert delivery of {@link Tributary#ALERT_TIMEOUT}), then
 * closes the database.
 */
final class Service implements AutoCloseable {

    /** How often the store is probed with a write while it works, and while it fails. */
    static final Duration STORE_PROBE = Duration.ofSeconds(30);
    static final Duration STORE_RETRY = Duration.ofSeconds(5);

    private final Tributary app;
    private final SourceScheduler scheduler;
    private final ConfigWatcher watcher;
    private final WebServer web;
    private final ServeOptions options;
    /** Where the admin file is written: the data directory when the database is its H2 file, else null. */
    private final Path adminFileDir;
    private final String nonce;
    private int port = -1;

    Service(Tributary app, SourceScheduler scheduler, ConfigWatcher watcher, WebServer web, ServeOptions options,
            boolean writesAdminFile, String nonce) {
        this.app = app;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.web = web;
        this.options = options;
        this.adminFileDir = writesAdminFile ? options.dataDir() : null;
        this.nonce = nonce;
    }

    /** Schedules every source, watches feeds.yml, listens; on a failure closes what did start and rethrows. */
    Service start() {
        try {
            scheduler.schedule(options.scheduled(options.initial()));
            scheduler.start();
            watcher.start();
            port = web.start(options.host(), options.port());
        } catch (RuntimeException startFailed) {
            // A port in use or a scheduler that cannot start: close what did start, or its threads keep the JVM up.
            stop();
            throw startFailed;
        }
        // A store that fails (full disk, read-only file) is seen within STORE_PROBE even when no source is due, and
        // its recovery within STORE_RETRY of the cause going away.
        app.database.watch(STORE_PROBE, STORE_RETRY);
        if (adminFileDir != null) AdminFile.of(options.host(), port, nonce).write(adminFileDir);
        return this;
    }

    /** The port listened on (the one picked when --port was 0). */
    int port() {
        return port;
    }

    /** The database's vendor, as the log line names it. */
    String vendor() {
        return app.database.vendor();
    }

    /** Reads feeds.yml now (SIGHUP; the watcher usually has already). */
    void reloadNow() {
        watcher.requestReload(Duration.ZERO, true);
    }

    @Override
    public void close() {
        if (adminFileDir != null) AdminFile.delete(adminFileDir);
        stop();
    }

    private void stop() {
        watcher.close();
        web.close();
        scheduler.close();
        app.close();
    }
}
