package org.tributary.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LiveConfig} in step with feeds.yml. The file's directory is watched, not the file: editors and
 * deployment tools replace a file by renaming a new one over it, which a watch on the file itself would miss. Events
 * are debounced (an editor's save is often several writes), and a file whose bytes did not change is not reloaded.
 *
 * <p>A file that does not validate is refused: its errors are logged and kept in the LiveConfig for /status, and the
 * last good config stays in force. A good one replaces it and is handed to the listener (which reschedules).
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final LiveConfig live;
    private final Consumer<Config> onChange;
    private final InstantSource clock;
    private final Duration quiet;
    private final ConfigLoader loader = new ConfigLoader();
    private final ScheduledExecutorService worker;
    private final Object lock = new Object();
    private ScheduledFuture<?> pending;
    private byte[] lastDigest;
    private WatchService watcher;
    private Thread watchThread;

    /**
     * @param quiet how long the file must stay unchanged after an event before it is read
     */
    public ConfigWatcher(Path file, LiveConfig live, Consumer<Config> onChange, InstantSource clock, Duration quiet) {
        this.file = file.toAbsolutePath().normalize();
        this.live = Objects.requireNonNull(live);
        this.onChange = Objects.requireNonNull(onChange);
        this.clock = Objects.requireNonNull(clock);
        this.quiet = Objects.requireNonNull(quiet);
        this.lastDigest = digest(this.file);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching the file's directory. */
    public void start() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            log.warn("config: cannot watch {} ({}); reload with SIGHUP", file, e.getMessage());
            return;
        }
        watchThread = new Thread(this::watch, "config-watch");
        watchThread.setDaemon(true);
        watchThread.start();
    }

    private void watch() {
        // A config that is a symlink (a Kubernetes ConfigMap, a release directory) changes by a rename elsewhere in
        // the directory: then any event is worth a look (the digest check makes a false alarm cheap).
        boolean anyEvent = Files.isSymbolicLink(file);
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = anyEvent;
                for (WatchEvent<?> event : key.pollEvents()) {
                    Object name = event.context();
                    ours |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || (name instanceof Path p && p.getFileName().equals(file.getFileName()));
                }
                if (ours) requestReload(quiet, false);
                if (!key.reset()) break;
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /**
     * Reloads after the given quiet time (SIGHUP and the watcher both come here); several requests within it make one
     * reload. Forced (SIGHUP), an unchanged file is read and reported again, so the operator sees an answer.
     */
    public void requestReload(Duration after, boolean force) {
        synchronized (lock) {
            if (pending != null) pending.cancel(false);
            pending = worker.schedule(() -> reload(force), after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reads the file now and applies it if it changed (or always, when forced). Returns true when a new config is in
     * force. Runs on the reload thread, or on the caller's in tests.
     */
    public boolean reload(boolean force) {
        try {
            byte[] digest = digest(file);
            if (digest == null) {
                // Mid-rename, or deleted: a missing file is never a reason to drop every source.
                log.warn("config: {} is missing; keeping the config in force", file);
                return false;
            }
            synchronized (lock) {
                if (!force && Arrays.equals(digest, lastDigest)) return false;
                lastDigest = digest;
            }
            Config next;
            try {
                next = loader.load(file);
            } catch (ConfigException e) {
                e.errors().forEach(error -> log.error("config: reload refused: {}", error));
                log.error("config: {} refused with {} error(s); the previous config stays in force", file,
                        e.errors().size());
                live.refuse(e.errors(), clock.instant());
                return false;
            }
            Config before = live.replace(next, clock.instant());
            log.info("config: reloaded {}: {} sources ({} added, {} removed)", file, next.sources().size(),
                    next.sources().stream().filter(s -> before.source(s.id()).isEmpty()).count(),
                    before.sources().stream().filter(s -> next.source(s.id()).isEmpty()).count());
            Site was = before.site();
            Site is = next.site();
            if (!before.fetch().equals(next.fetch()) || was.excerptChars() != is.excerptChars()
                    || was.mergeDuplicates() != is.mergeDuplicates()) {
                log.warn("config: fetch settings, site.excerpt_chars and site.merge_duplicates take effect at the next "
                        + "restart");
            }
            onChange.accept(next);
            return true;
        } catch (RuntimeException e) {
            log.error("config: reload failed", e);
            return false;
        }
    }

    private static byte[] digest(Path file) {
        try {
            if (!Files.isRegularFile(file)) return null;
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (watcher != null) watcher.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        worker.shutdownNow();
    }
}
