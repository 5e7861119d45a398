package org.tributary.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Site;
import org.tributary.config.Topic;
import org.tributary.fetch.FetchRequest;
import org.tributary.fetch.FetchResult;
import org.tributary.fetch.Fetcher;
import org.tributary.publish.ImageLinks;
import org.tributary.store.PublishedImages;
import org.tributary.store.Store;

/**
 * {@code GET /images/{key}} (site.image_proxy): an item's or a topic's image from our own origin. Only keys of images
 * that published items or configured topics carry are served: the key is looked up among them, never decoded, so this is no open proxy. A
 * miss is fetched once through the feeds' own {@link Fetcher} (its address guard, timeout and User-Agent), checked
 * (size, a Content-Type we pass on and the matching first bytes) and kept in the {@link ImageCache}; a failure is
 * remembered for {@link #RETRY_AFTER} so a broken image does not cost the partner a request per reader.
 */
public final class ImageProxy {

    private static final Logger log = LoggerFactory.getLogger(ImageProxy.class);

    /** How long a failed image answers 502 without being fetched again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    /** Failures remembered at most; past this the expired ones are forgotten, then all of them. */
    private static final int MAX_FAILURES = 10_000;
    /** The key names the URL and a cached image never changes under it: a browser may keep it for a year. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    /** What a key answers. */
    sealed interface Outcome {
        record Served(ImageCache.Image image) implements Outcome {}
        record Unknown() implements Outcome {}
        record Unavailable(String reason) implements Outcome {}
    }

    /** The keys of the published images as of one store version and config. */
    private record Known(Store.PublishVersion version, Config config, Map<String, String> urls, long checked) {}

    /** How long one look at the store's version is trusted, as serve trusts it for documents. */
    private static final long TRUST = Duration.ofSeconds(1).toNanos();

    private final Supplier<Config> config;
    private final Store store;
    private final PublishedImages images;
    private final Fetcher fetcher;
    private final InstantSource clock;
    private final Ticker ticker = Ticker.system();
    private final Path cacheDir;
    private volatile ImageCache cache;
    private volatile Known known;
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param cacheDir where the images are kept; created on the first image. The bounds are the config's when the
     *                 first image is asked for.
     */
    public ImageProxy(Supplier<Config> config, Store store, Fetcher fetcher, Path cacheDir, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.images = new PublishedImages(store);
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void routes(io.javalin.config.RoutesConfig r) {
        r.get(ImageLinks.PATH + "{key}", this::answer);
        r.head(ImageLinks.PATH + "{key}", this::answer);
    }

    private void answer(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("X-Content-Type-Options", "nosniff");
        Outcome outcome = image(ctx.pathParam("key"));
        if (outcome instanceof Outcome.Served served) {
            ImageCache.Image image = served.image();
            String etag = etag(image);
            ctx.header("ETag", etag);
            ctx.header("Cache-Control", CACHE_CONTROL);
            // Loaded by pages elsewhere (/embed, embed.js); and nothing in it may run if it is opened directly.
            ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
            ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
            if (ConditionalGet.matches(ctx.header("If-None-Match"), etag)) {
                ctx.status(304);
                return;
            }
            ctx.contentType(image.type().mediaType);
            // A length rather than chunks: HEAD tells it too, and a reader's progress bar has something to go on.
            ctx.header("Content-Length", Integer.toString(image.bytes().length));
            ctx.result(image.bytes());
        } else if (outcome instanceof Outcome.Unknown) {
            plain(ctx, 404, "no such image");
        } else {
            plain(ctx, 502, "image unavailable");
        }
    }

    /** What the key answers now: from the cache, else fetched, else why not. */
    Outcome image(String key) {
        Site.ImageProxy settings = config.get().site().imageProxy();
        if (!settings.enabled() || !ImageLinks.isKey(key)) return new Outcome.Unknown();
        // Asked first, cache or not: an image stops being served when its item is hidden or its topic changes.
        String url = urlOf(key);
        if (url == null) return new Outcome.Unknown();
        Optional<ImageCache.Image> cached = cache(settings).get(key);
        if (cached.isPresent()) return new Outcome.Served(cached.get());
        Instant until = failedUntil.get(key);
        if (until != null && clock.instant().isBefore(until)) return new Outcome.Unavailable("failed recently");
        // Readers who ask at once for an image not yet cached share one fetch.
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) return running.join();
        try {
            Outcome outcome = fetch(key, url, settings);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException e) {
            mine.complete(new Outcome.Unavailable(e.toString()));
            throw e;
        } finally {
            inFlight.remove(key);
        }
    }

    private Outcome fetch(String key, String url, Site.ImageProxy settings) {
        FetchResult result = fetcher.fetch(new FetchRequest("images", URI.create(url), null, null));
        Optional<String> refused;
        if (result instanceof FetchResult.Fetched f) refused = refusal(f, settings.maxBytes());
        else if (result instanceof FetchResult.Failed f) refused = Optional.of(f.reason());
        else refused = Optional.of("HTTP 304 to an unconditional request");
        if (refused.isPresent()) {
            log.warn("images: {}: {}", url, refused.get());
            remember(key);
            return new Outcome.Unavailable(refused.get());
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        ImageType type = ImageType.ofContentType(fetched.contentType()).orElseThrow();
        cache(settings).put(key, type, fetched.body());
        failedUntil.remove(key);
        return new Outcome.Served(new ImageCache.Image(key, type, fetched.body()));
    }

    /** Images an export fetches at once; the fetcher's own per-host and overall caps still apply. */
    private static final int EXPORT_THREADS = 8;

    /** What an export of the images did: how many it wrote, and how many it could not have (logged each). */
    public record Exported(int written, int missing) {}

    /**
     * Writes every published image as {@code dir/KEY} (the name its link ends with), from the cache or fetched, for
     * a static export; an image that cannot be had is left out (and logged).
     */
    public Exported export(Path dir) throws IOException {
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(EXPORT_THREADS,
                r -> {
                    Thread t = new Thread(r, "export-images");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Boolean>> written = new ArrayList<>();
            for (String key : known(true).urls().keySet()) written.add(pool.submit(() -> write(dir, key)));
            int count = 0;
            for (Future<Boolean> w : written) {
                if (w.get()) count++;
            }
            return new Exported(count, written.size() - count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("export of images interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException("images: export failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean write(Path dir, String key) throws IOException {
        if (!(image(key) instanceof Outcome.Served served)) return false;
        Path tmp = dir.resolve(key + ".tmp");
        Files.write(tmp, served.image().bytes());
        Files.move(tmp, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Why a fetched body is not served, if it is not: too large, not a type we pass on, or not what it claims. */
    static Optional<String> refusal(FetchResult.Fetched fetched, long maxBytes) {
        if (fetched.body().length > maxBytes) return Optional.of("image over " + maxBytes + " bytes");
        Optional<ImageType> type = ImageType.ofContentType(fetched.contentType());
        if (type.isEmpty()) {
            return Optional.of("not an image type we serve (png, jpeg, gif, webp, avif): " + fetched.contentType());
        }
        if (!type.get().matches(fetched.body())) {
            return Optional.of("declared " + type.get().mediaType + " but the bytes are not one");
        }
        return Optional.empty();
    }

    /**
     * The URL a key names, among the images published now. The store's version is trusted for a second, so a cached
     * image costs no query; a key not found asks again at once (an item published within that second).
     */
    private String urlOf(String key) {
        String url = known(false).urls().get(key);
        return url != null ? url : known(true).urls().get(key);
    }

    private Known known(boolean fresh) {
        Known current = known;
        Config now = config.get();
        long tick = ticker.nanos();
        if (current != null && current.config() == now && !fresh && !Ticker.elapsed(current.checked(), tick, TRUST)) {
            return current;
        }
        Store.PublishVersion version = store.version();
        if (current != null && current.config() == now && current.version().equals(version)) {
            current = new Known(version, now, current.urls(), tick);
        } else {
            Map<String, String> urls = new HashMap<>();
            for (String stored : images.urls()) {
                ImageLinks.published(stored).ifPresent(url -> urls.put(ImageLinks.key(url), url));
            }
            for (Topic topic : now.topics()) {
                if (topic.image() == null) continue;
                ImageLinks.publishedTopicImage(topic.image().url()).ifPresent(url -> urls.put(ImageLinks.key(url), url));
            }
            current = new Known(version, now, Map.copyOf(urls), tick);
        }
        known = current;
        return current;
    }

    private void remember(String key) {
        Instant now = clock.instant();
        if (failedUntil.size() >= MAX_FAILURES) failedUntil.values().removeIf(until -> !now.isBefore(until));
        if (failedUntil.size() >= MAX_FAILURES) failedUntil.clear();
        failedUntil.put(key, now.plus(RETRY_AFTER));
    }

    private ImageCache cache(Site.ImageProxy settings) {
        ImageCache c = cache;
        if (c == null) {
            synchronized (this) {
                if (cache == null) cache = new ImageCache(cacheDir, settings.cacheBytes(), settings.cacheFiles(), clock);
                c = cache;
            }
        }
        return c;
    }

    /** Strong, from the bytes: an image fetched again after eviction may have changed at the partner. */
    private static String etag(ImageCache.Image image) {
        CRC32C crc = new CRC32C();
        crc.update(image.bytes());
        return "\"" + image.key().substring(0, 16) + "-" + Long.toHexString(crc.getValue()) + "\"";
    }

    private static void plain(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
        ctx.header("Cache-Control", "no-store");
    }
}
