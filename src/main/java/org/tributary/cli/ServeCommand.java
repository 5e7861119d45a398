package org.tributary.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Schedules every source, fetches each once at start, and serves HTTP until stopped. "
                + "feeds.yml is watched: a changed file (or SIGHUP) is applied without a restart.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

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

    @Override
    public Integer call() {
        Config initial = main.loadConfig(main.spec.commandLine().getErr());
        if (initial == null) return Main.BAD_INPUT;
        ServeOptions options = new ServeOptions(main.config, initial, main.data.toAbsolutePath(), main.environment(),
                host, port, threads, testEvery);
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<Service> running = new AtomicReference<>();
        // SIGTERM and Ctrl-C ask for a clean stop; the main thread then stops in order and exits 0.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopRequested.countDown());
        }
        // SIGHUP: read feeds.yml now (the watcher usually has already).
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                Service service = running.get();
                if (service != null) service.reloadNow();
            });
        } catch (IllegalArgumentException noHup) {
            log.info("serve: no SIGHUP on this platform; feeds.yml is still watched");
        }
        try (Service service = Tributary.serve(options)) {
            running.set(service);
            log.info("serving {} sources on http://{}:{}/ (data: {})", initial.sources().size(), host,
                    service.port(), service.vendor());
            System.out.println("tributary: listening on port " + service.port());
            System.out.flush();
            try {
                stopRequested.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("stopping");
        }
        return Main.OK;
    }
}
