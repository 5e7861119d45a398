package org.tributary.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole of feeds.yml, validated. Immutable; a reload builds a new one. {@code alerts} is null when absent.
 * {@code metricsAllow} lists the addresses (CIDRs) besides loopback that may read /metrics ({@code metrics.allow});
 * {@code admin} is feeds.yml {@code admin:}.
 */
public record Config(
        Site site,
        FetchSettings fetch,
        Alerts alerts,
        Defaults defaults,
        List<String> types,
        List<Topic> topics,
        List<Source> sources,
        List<String> metricsAllow,
        Admin admin) {

    /** A config with no metrics.allow and the admin API on this machine only (tests and tools). */
    public Config(Site site, FetchSettings fetch, Alerts alerts, Defaults defaults, List<String> types,
                  List<Topic> topics, List<Source> sources) {
        this(site, fetch, alerts, defaults, types, topics, sources, List.of(), new Admin(false));
    }

    public Config {
        metricsAllow = metricsAllow == null ? List.of() : List.copyOf(metricsAllow);
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(defaults, "defaults");
        types = List.copyOf(types);
        topics = List.copyOf(topics);
        sources = List.copyOf(sources);
        Objects.requireNonNull(admin, "admin");
    }

    /** feeds.yml {@code admin:}. @param allowRemote whether /admin/ answers callers not on this machine */
    public record Admin(boolean allowRemote) {}

    public Optional<Source> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Topic> topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Ids of the sources whose past events are left out of every output ({@code hide_past_events: true}). */
    public Set<String> sourcesHidingPastEvents() {
        return sources.stream().filter(s -> s.itemOptions().hidePastEvents()).map(Source::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    public Map<String, Source> sourcesById() {
        return sources.stream().collect(Collectors.toUnmodifiableMap(Source::id, Function.identity()));
    }
}
