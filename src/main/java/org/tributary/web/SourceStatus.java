package org.tributary.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tributary.config.Config;
import org.tributary.config.LiveConfig;
import org.tributary.config.Source;
import org.tributary.store.SourceHealth;
import org.tributary.store.SourceState;
import org.tributary.store.Store;

/**
 * Every configured source with what the store knows of it: the rows of /status and of the status command.
 * The next fetch comes from the live schedule when there is one, else from the last one stored.
 */
public final class SourceStatus {

    /**
     * One source, as /status shows it. Times are null when unknown.
     *
     * @param state     new, ok, not-modified, failing, backing-off, rate-limited, moved, gone
     * @param notBefore no request before this time (backoff, Retry-After, ttl...), or null
     * @param movedTo   the URL fetched instead of feeds.yml's after a confirmed permanent redirect, or null
     * @param detail    one line for people: "backing off until …", "moved to …", "gone: …", or null
     * @param droppedItems entries of the last stored document that the rules kept out of every output
     * @param heldItems    new items waiting for an editor's approval (moderation: hold)
     */
    public record Row(String id, String title, String state, String url, Instant lastSuccessAt, String lastError,
                      int consecutiveFailures, long items, Instant nextFetchAt, List<String> unmappedCategories,
                      Instant notBefore, String movedTo, String detail, int droppedItems, int heldItems) {

        public Row(String id, String title, String state, String url, Instant lastSuccessAt, String lastError,
                   int consecutiveFailures, long items, Instant nextFetchAt, List<String> unmappedCategories) {
            this(id, title, state, url, lastSuccessAt, lastError, consecutiveFailures, items, nextFetchAt,
                    unmappedCategories, null, null, null, 0, 0);
        }

        /** Nothing for anyone to do: never tried yet, fetched, or told "not modified". */
        public boolean healthy() {
            return state.equals("new") || state.equals("ok") || state.equals("not-modified");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Supplier<Config> config;
    private final Store store;
    private final Function<String, Optional<Instant>> nextFetch;
    private final LiveConfig live;

    public SourceStatus(Supplier<Config> config, Store store, Function<String, Optional<Instant>> nextFetch) {
        this.config = config;
        this.store = store;
        this.nextFetch = nextFetch;
        this.live = config instanceof LiveConfig l ? l : null;
    }

    /** When the config is live, when it was loaded and the last refused reload, if any; empty otherwise. */
    public Optional<LiveConfig> live() {
        return Optional.ofNullable(live);
    }

    /** The rows last read from the store: what /status shows while the store fails. */
    private volatile List<Row> lastRows;

    /** The failure of the store as a whole going on (full disk, read-only, corrupt), if any; safe to publish. */
    public Optional<org.tributary.store.StoreFailures.Failure> storeFailure() {
        return store.failure();
    }

    /**
     * The sources with what the store knows; while the store fails, the rows last read from it (or, before any,
     * each configured source as "unknown"), so that /status still answers and says why.
     */
    public List<Row> rows() {
        try {
            List<Row> rows = readRows();
            lastRows = rows;
            return rows;
        } catch (RuntimeException e) {
            if (!Store.isStoreFailure(e)) throw e;
            List<Row> last = lastRows;
            if (last != null) return last;
            return config.get().sources().stream().map(s -> new Row(s.id(), s.title(), "unknown",
                    s.url().toString(), null, null, 0, 0, null, List.of())).toList();
        }
    }

    private List<Row> readRows() {
        Map<String, SourceState> states = store.states();
        Map<String, Long> items = store.itemCounts();
        Map<String, Integer> dropped = store.droppedItems();
        Map<String, Integer> held = store.heldItems();
        List<Row> rows = new ArrayList<>();
        for (Source source : config.get().sources()) {
            SourceState s = states.getOrDefault(source.id(), SourceState.unknown(source.id()));
            SourceHealth h = s.health();
            boolean moved = !h.effectiveUrl(source.url()).equals(source.url());
            String state = s.shownState();
            Instant next = nextFetch.apply(source.id()).orElse(s.nextFetchAt());
            // The schedule fires on, but a fire before notBefore is skipped: the first real request is not sooner.
            if (h.notBefore() != null && (next == null || next.isBefore(h.notBefore()))) next = h.notBefore();
            if (h.state() == SourceHealth.State.GONE) next = null;
            rows.add(new Row(source.id(), source.title(), state, source.url().toString(), s.lastSuccessAt(),
                    s.lastError(), s.consecutiveFailures(), items.getOrDefault(source.id(), 0L), next, s.unmappedCategories(), h.notBefore(),
                    moved ? h.movedTo().toString() : null, detail(source, h, s, moved),
                    dropped.getOrDefault(source.id(), 0), held.getOrDefault(source.id(), 0)));
        }
        return rows;
    }

    private static String detail(Source source, SourceHealth h, SourceState s, boolean moved) {
        String health = healthDetail(source, h, s, moved);
        // What the last stored document showed an editor should know (shared identity keys, fields cut).
        if (s.notes().isEmpty()) return health;
        String notes = String.join("; ", s.notes());
        return health == null ? notes : health + "; " + notes;
    }

    private static String healthDetail(Source source, SourceHealth h, SourceState s, boolean moved) {
        if (h.state() == null) return null;
        String movedText = moved ? "moved to " + h.movedTo() + " (update feeds.yml; until then it is fetched there)"
                : null;
        String text = switch (h.state()) {
            case GONE -> SourceHealth.goneText(source.id());
            case BACKING_OFF -> "backing off after " + s.consecutiveFailures() + " failures until " + h.notBefore();
            case RATE_LIMITED -> "rate limited until " + h.notBefore();
            case FAILING -> "failing (" + s.consecutiveFailures() + ")";
            default -> null;
        };
        if (text == null) return movedText;
        return movedText == null ? text : text + "; " + movedText;
    }

    public String json() {
        Config cfg = config.get();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("site", cfg.site().title());
        doc.put("store", storeJson(storeFailure()));
        live().ifPresent(l -> doc.put("config", configJson(l)));
        doc.put("sources", rows().stream().map(SourceStatus::asJson).toList());
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "ok", or "failing" with since when and the kind of failure (never a path: /status is public). */
    private static Map<String, Object> storeJson(Optional<org.tributary.store.StoreFailures.Failure> failure) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", failure.isPresent() ? "failing" : "ok");
        failure.ifPresent(f -> {
            m.put("failing_since", f.since());
            m.put("reason", f.reason());
            m.put("message", storeMessage(f));
        });
        return m;
    }

    /** What the public is told of a failing store. */
    static String storeMessage(org.tributary.store.StoreFailures.Failure f) {
        return "the store fails since " + f.since() + " (" + f.reason() + "); the last published documents are "
                + "served from memory and the sources shown as last read; it recovers by itself when the cause is "
                + "gone; see the log (lines starting \"store:\")";
    }

    /**
     * The config in force and whether the last reload was refused. Not its errors: /status is public, and an error
     * quotes the file (its absolute path, a value typed where a key was meant, such as a password); they are in the
     * log.
     */
    private static Map<String, Object> configJson(LiveConfig live) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loaded_at", live.loaded().at());
        m.put("reload", live.refusal().isPresent() ? "refused" : "ok");
        live.refusal().ifPresent(r -> {
            m.put("refused_at", r.at());
            m.put("error_count", r.errors().size());
            m.put("message", refusedMessage(r));
        });
        return m;
    }

    /** What the public is told of a refused reload: when, how many errors, where to look. */
    static String refusedMessage(LiveConfig.Refusal refusal) {
        return "configuration reload refused at " + refusal.at() + " (" + refusal.errors().size()
                + (refusal.errors().size() == 1 ? " error" : " errors") + "); see the log";
    }

    private static Map<String, Object> asJson(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("title", r.title());
        m.put("state", r.state());
        m.put("url", r.url());
        m.put("last_success_at", r.lastSuccessAt());
        m.put("last_error", r.lastError());
        m.put("consecutive_failures", r.consecutiveFailures());
        m.put("items", r.items());
        m.put("next_fetch_at", r.nextFetchAt());
        m.put("unmapped_categories", r.unmappedCategories());
        m.put("dropped_items", r.droppedItems());
        m.put("held_items", r.heldItems());
        m.put("not_before", r.notBefore());
        m.put("moved_to", r.movedTo());
        m.put("detail", r.detail());
        return m;
    }
}
