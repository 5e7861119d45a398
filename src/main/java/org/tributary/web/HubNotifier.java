package org.tributary.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.outbound.Outbound;
import org.tributary.publish.FeedFormat;

/**
 * WebSub publisher side: tells the hub which of our feeds changed. It watches the store's publish version (the
 * database is the only hand-off, so refreshing knows nothing of this), waits until the version has been quiet for a
 * while (one refresh round of many sources makes one ping, not one per source), then re-reads each unfiltered feed
 * and sends {@code hub.mode=publish} for each one whose ETag moved: a feed whose bytes did not change is not pinged.
 * The hub is the live config's {@code site.hub}, read at each look: a reload that sets, moves or removes it is
 * followed at once, as the documents' hub links are. Without a hub it renders and sends nothing.
 */
final class HubNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubNotifier.class);

    private final Documents documents;
    /** The quiet period is an interval: measured on a monotonic ticker, so a wall clock step does not stretch it. */
    private final Ticker ticker;
    private final Duration quiet;
    private final Outbound outbound;
    private final ScheduledExecutorService timer;

    private long seenVersion = Long.MIN_VALUE;
    private long changedAtNanos;
    private boolean pending;
    private final Map<String, String> pingedEtags = new HashMap<>();

    /** @param outbound the one outbound client: our User-Agent, no redirects followed, bounded answers */
    HubNotifier(Documents documents, Outbound outbound, Ticker ticker, Duration quiet) {
        this.documents = Objects.requireNonNull(documents);
        this.outbound = Objects.requireNonNull(outbound);
        this.ticker = Objects.requireNonNull(ticker);
        this.quiet = Objects.requireNonNull(quiet);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "websub-notifier");
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks at the store every interval from now on. */
    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::safeTick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("websub: {}", e.toString());
        }
    }

    /**
     * One look at the store. The first look only learns what the feeds are now; later looks ping once the version
     * has stood still for the quiet period. Returns the feed URLs pinged.
     */
    synchronized List<String> tick() {
        URI hub = documents.config().site().hub();
        if (hub == null) {
            // Nothing to tell; a hub set later starts by learning the feeds as they are then.
            seenVersion = Long.MIN_VALUE;
            pending = false;
            pingedEtags.clear();
            return List.of();
        }
        long version = documents.version();
        long now = ticker.nanos();
        if (seenVersion == Long.MIN_VALUE) {
            seenVersion = version;
            pingedEtags.putAll(currentEtags());
            return List.of();
        }
        if (version != seenVersion) {
            seenVersion = version;
            changedAtNanos = now;
            pending = true;
            return List.of();
        }
        if (!pending || !Ticker.elapsed(changedAtNanos, now, quiet.toNanos())) return List.of();
        pending = false;
        List<String> pinged = new ArrayList<>();
        for (Map.Entry<String, String> feed : currentEtags().entrySet()) {
            if (feed.getValue().equals(pingedEtags.get(feed.getKey()))) continue;
            // Remembered even when the hub fails: the next change pings again, and a hub that is down now would
            // otherwise be retried every tick.
            pingedEtags.put(feed.getKey(), feed.getValue());
            if (ping(hub, feed.getKey())) pinged.add(feed.getKey());
        }
        return pinged;
    }

    /** The absolute URL and current ETag of every unfiltered feed: merged and per topic, in every format. */
    private Map<String, String> currentEtags() {
        Config cfg = documents.config();
        Map<String, String> etags = new LinkedHashMap<>();
        List<Topic> views = new ArrayList<>();
        views.add(null);
        views.addAll(cfg.topics());
        for (Topic topic : views) {
            String path = topic == null ? "/feed" : "/topics/" + topic.id() + "/feed";
            for (FeedFormat format : FeedFormat.values()) {
                Rendered doc = documents.feed(format, topic, documents.unfiltered(topic), Documents.Mode.RENDER);
                etags.put(cfg.site().url(path + "." + format.extension()), doc.etag());
            }
        }
        return etags;
    }

    private boolean ping(URI hub, String feedUrl) {
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feedUrl, StandardCharsets.UTF_8);
        try {
            int status = outbound.post(hub, "application/x-www-form-urlencoded", form, Map.of(), null).status();
            if (status / 100 == 2) return true;
            log.warn("websub[{}]: hub answered HTTP {} for {}", hub.getHost(), status, feedUrl);
        } catch (java.io.IOException e) {
            log.warn("websub[{}]: hub unreachable for {}: {}", hub.getHost(), feedUrl, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
