package org.tributary.cli;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tributary.config.LiveConfig;
import org.tributary.refresh.RefreshReport;
import org.tributary.refresh.Refresher;
import org.tributary.schedule.SourceScheduler;
import org.tributary.store.Store;

/**
 * How serve refreshes a source, on schedule or when an editor asks. A source is looked up in the live config when
 * its refresh runs, so an edited URL or rule applies next time; and one refresh of a source runs at a time on this
 * node: a scheduled one and an editor's "refresh now" take turns.
 */
final class SourceRefreshes implements SourceScheduler.Action {

    private final LiveConfig config;
    private final Refresher refresher;
    private final Store store;
    private final Map<String, Object> turns = new ConcurrentHashMap<>();

    SourceRefreshes(LiveConfig config, Refresher refresher, Store store) {
        this.config = config;
        this.refresher = refresher;
        this.store = store;
    }

    /** Refreshes the source now; empty when feeds.yml has no source with that id. */
    Optional<RefreshReport> now(String sourceId) {
        synchronized (turns.computeIfAbsent(sourceId, id -> new Object())) {
            return config.get().source(sourceId).map(refresher::refresh);
        }
    }

    /** A scheduled refresh, then the time the source is due next, stored beside its state. */
    @Override
    public void run(String sourceId, Instant nextFireTime) {
        now(sourceId);
        try {
            if (nextFireTime != null) store.saveNextFetch(sourceId, nextFireTime);
        } catch (RuntimeException e) {
            // A failing store has said so (once a minute); the schedule in memory goes on without it.
            if (!Store.isStoreFailure(e)) throw e;
        }
    }
}
