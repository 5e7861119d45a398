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
import org.tributary.store.SourceState;
import org.tributary.store.Store;

/**
 * Every configured source with what the store knows of it: the rows of /status and of the status command.
 * The next fetch comes from the live schedule when there is one, else from the last one stored.
 */
public final class SourceStatus {

    /** One source, as /status shows it. Times are null when unknown. */
    public record Row(String id, String title, String state, String url, Instant lastSuccessAt, String lastError,
                      int consecutiveFailures, long items, Instant nextFetchAt, List<String> unmappedCategories) {}

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

    public List<Row> rows() {
        Map<String, SourceState> states = store.states();
        List<Row> rows = new ArrayList<>();
        for (Source source : config.get().sources()) {
            SourceState s = states.getOrDefault(source.id(), SourceState.unknown(source.id()));
            Instant next = nextFetch.apply(source.id()).orElse(s.nextFetchAt());
            rows.add(new Row(source.id(), source.title(), s.state(), source.url().toString(), s.lastSuccessAt(),
                    s.lastError(), s.consecutiveFailures(), s.items(), next, s.unmappedCategories()));
        }
        return rows;
    }

    public String json() {
        Config cfg = config.get();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("site", cfg.site().title());
        live().ifPresent(l -> doc.put("config", configJson(l)));
        doc.put("sources", rows().stream().map(SourceStatus::asJson).toList());
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The config in force and, if the last reload was refused, its errors: the operator's first question. */
    private static Map<String, Object> configJson(LiveConfig live) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loaded_at", live.loaded().at());
        m.put("reload", live.refusal().isPresent() ? "refused" : "ok");
        live.refusal().ifPresent(r -> {
            m.put("refused_at", r.at());
            m.put("errors", r.errors().stream().map(Object::toString).toList());
        });
        return m;
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
        return m;
    }
}
