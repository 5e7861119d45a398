package org.tributary.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Source;
import org.tributary.schedule.SourceScheduler;
import org.tributary.web.SourceStatus;
import org.tributary.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Schedules every source, fetches each once at start, and serves HTTP until stopped.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    Main main;

    @Option(names = "--port", defaultValue = "${env:TRIBUTARY_PORT:-8080}",
            description = "HTTP port (env TRIBUTARY_PORT; default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--threads", defaultValue = "8", description = "sources refreshed at the same time (default: ${DEFAULT-VALUE})")
    int threads;

    /**
     * For tests only (hidden): every source refreshes at this ISO-8601 interval (PT3S) instead of its feeds.yml
     * `every`, which must be at least a minute. The config's own validation is untouched.
     */
    @Option(names = "--test-every", hidden = true)
    Duration testEvery;

    /** How often a clustered node checks in; the others take it for dead after this plus Quartz's 7.5 s grace. */
    private static final Duration CLUSTER_CHECKIN = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        Tributary app = main.open(config);
        SourceScheduler.Action refresh = (sourceId, next) -> {
            config.source(sourceId).ifPresent(app.refresher::refresh);
            if (next != null) app.store.saveNextFetch(sourceId, next);
        };
        Duration spread = Duration.ofSeconds(Math.min(10, config.sources().size()));
        // On PostgreSQL every node joins one Quartz cluster in the shared database; on H2 the one node keeps its
        // schedule in memory.
        SourceScheduler scheduler = app.database.isShared()
                ? SourceScheduler.clustered(refresh, threads, spread,
                        app.database.sidePool("tributary-quartz", threads + 3), CLUSTER_CHECKIN, misfireThreshold())
                : new SourceScheduler(refresh, threads, spread);
        SourceStatus status = new SourceStatus(() -> config, app.store, scheduler::nextFireTime);
        WebServer web = new WebServer(() -> config, app.store, app.database, app.publisher, status);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // SIGTERM and Ctrl-C ask for a clean stop; the main thread then stops in order and exits 0.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopRequested.countDown());
        }
        scheduler.schedule(testEvery == null ? config.sources() : config.sources().stream().map(this::withTestEvery)
                .toList());
        scheduler.start();
        int actual = web.start(host, port);
        log.info("serving {} sources on http://{}:{}/ (data: {})", config.sources().size(), host, actual,
                app.database.vendor());
        System.out.println("tributary: listening on port " + actual);
        System.out.flush();
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Stop taking requests, let refreshes in flight finish, then close the database.
        log.info("stopping");
        web.close();
        scheduler.close();
        app.close();
        return Main.OK;
    }

    /** A minute (feeds.yml's shortest `every`), or the test interval when shorter: see SourceScheduler.clustered. */
    private Duration misfireThreshold() {
        Duration minute = Duration.ofMinutes(1);
        return testEvery != null && testEvery.compareTo(minute) < 0 ? testEvery : minute;
    }

    private Source withTestEvery(Source s) {
        return new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), s.type(), s.topics(), testEvery, s.owner(),
                s.rules(), s.fetchOptions(), s.itemOptions());
    }
}
