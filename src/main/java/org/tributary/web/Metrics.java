package org.tributary.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tributary.config.Source;
import org.tributary.refresh.RefreshListener;
import org.tributary.refresh.RefreshReport;

/**
 * What /metrics shows, in Prometheus text. Micrometer stays in this class: the pipeline reports through
 * {@link RefreshListener}, the handlers through {@link #served}. Series are labelled by source id, whose number the
 * operator controls in feeds.yml, never by anything a request or a feed could choose.
 *
 * <pre>
 * tributary_build_info{version}                   1, labelled with the running release
 * tributary_fetches_total{source,outcome}         refreshes by outcome: fetched, not-modified, failed, skipped
 * tributary_fetch_duration_seconds{source}         histogram: whole refresh of one source (fetch, parse, store)
 * tributary_fetch_body_bytes{source}               histogram: body sizes received (after decompression)
 * tributary_items_added_total{source}, tributary_items_updated_total{source}
 * tributary_sources{state}                         sources per state, counted at scrape time
 * tributary_source_last_success_timestamp_seconds{source}  when each source last fetched fine (scrape time)
 * tributary_publish_requests_total{document,result} result: sent, not-modified
 * tributary_store_up                               1 while the store works, 0 while it fails (scrape time)
 * tributary_store_failures_total                   refreshes not done because the store failed; they are
 *                                                  not in tributary_fetches_total: the sources did not fail
 * jvm_*, process_*, system_*                       the JVM
 * </pre>
 *
 * Every series passes {@code promtool check metrics}: Micrometer's two that do not (an abbreviated unit, a gauge
 * ending in _count) are replaced by their conventional names.
 */
public final class Metrics implements RefreshListener, AutoCloseable {

    /** Histogram buckets of a refresh: from a 304 on a near server to a slow partner near fetch.timeout. */
    private static final Duration[] FETCH_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
            Duration.ofSeconds(60)};
    /** Histogram buckets of a feed body: 1 KB to fetch.max_bytes' default of 10 MB. */
    private static final double[] BODY_BUCKETS = {1e3, 1e4, 5e4, 1e5, 2.5e5, 5e5, 1e6, 2.5e6, 5e6, 1e7};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge sourcesByState;
    private final MultiGauge lastSuccess;
    private final java.util.concurrent.atomic.AtomicInteger storeUp = new java.util.concurrent.atomic.AtomicInteger(1);
    private final Counter storeFailures;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** The request counters by "document result": looked up per request, built once (bench/serve). */
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    /** @param version the running release, for tributary_build_info */
    public Metrics(String version) {
        registry.config().meterFilter(PROMETHEUS_NAMES);
        Gauge.builder("tributary.build.info", () -> 1).description("the running release")
                .tag("version", version).register(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by this process").register(registry);
        }
        sourcesByState = MultiGauge.builder("tributary.sources").description("configured sources per state")
                .register(registry);
        lastSuccess = MultiGauge.builder("tributary.source.last.success.timestamp").baseUnit("seconds")
                .description("when the source last fetched fine (Unix time); absent before its first success")
                .register(registry);
        Gauge.builder("tributary.store.up", storeUp, java.util.concurrent.atomic.AtomicInteger::get)
                .description("1 while the store works, 0 while it fails (disk full, read-only, database down)")
                .register(registry);
        storeFailures = Counter.builder("tributary.store.failures")
                .description("refreshes not done because the store failed (not counted as fetches)")
                .register(registry);
    }

    /**
     * Micrometer's process.cpu.time is in "ns" (promtool refuses abbreviated units; process_cpu_seconds_total,
     * Prometheus' own name, replaces it) and system.cpu.count is a gauge named like a histogram's _count.
     */
    private static final MeterFilter PROMETHEUS_NAMES = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
        }

        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY
                    : MeterFilterReply.NEUTRAL;
        }
    };

    @Override
    public void refreshed(Source source, RefreshReport report) {
        String id = report.sourceId();
        if (report.outcome() == RefreshReport.Outcome.STORE_FAILED) {
            // Not the source's failure: a full disk must not page someone about thirty healthy partners.
            storeFailures.increment();
            return;
        }
        Counter.builder("tributary.fetches").description("refreshes by source and outcome")
                .tags("source", id, "outcome", report.outcome().label()).register(registry).increment();
        if (report.outcome() == RefreshReport.Outcome.SKIPPED) return;   // counted, but no fetch to time
        Timer.builder("tributary.fetch.duration").description("time to fetch, parse and store one source")
                .serviceLevelObjectives(FETCH_BUCKETS).tag("source", id).register(registry)
                .record(Duration.ofMillis(report.millis()));
        if (report.outcome() == RefreshReport.Outcome.FETCHED) {
            DistributionSummary.builder("tributary.fetch.body").baseUnit("bytes")
                    .description("body size after decompression").serviceLevelObjectives(BODY_BUCKETS)
                    .tag("source", id).register(registry).record(report.bytes());
        }
        Counter.builder("tributary.items.added").description("new items stored").tag("source", id)
                .register(registry).increment(report.added());
        Counter.builder("tributary.items.updated").description("stored items that changed").tag("source", id)
                .register(registry).increment(report.updated());
    }

    /** A document rendered rather than served from the cache: requests sent minus renders are cache hits. */
    void rendered() {
        Counter.builder("tributary.publish.renders").description("published documents rendered (cache misses)")
                .register(registry).increment();
    }

    /** One published document requested: sent (from the cache or freshly rendered), or answered 304. */
    void served(String document, String result) {
        requests.computeIfAbsent(document + " " + result, k -> Counter.builder("tributary.publish.requests")
                .description("published documents served")
                .tags("document", document, "result", result).register(registry)).increment();
    }

    /** The Prometheus text, with the per-state source counts and the last successes taken from these rows. */
    String scrape(List<SourceStatus.Row> rows) {
        return scrape(rows, java.util.Optional.empty());
    }

    /** The same, with whether the store fails now. */
    String scrape(List<SourceStatus.Row> rows, java.util.Optional<org.tributary.store.StoreFailures.Failure> store) {
        storeUp.set(store.isPresent() ? 0 : 1);
        Map<String, Long> byState = new TreeMap<>();
        List<MultiGauge.Row<?>> successes = new ArrayList<>();
        for (SourceStatus.Row row : rows) {
            byState.merge(row.state(), 1L, Long::sum);
            if (row.lastSuccessAt() != null) {
                successes.add(MultiGauge.Row.of(Tags.of("source", row.id()), row.lastSuccessAt().toEpochMilli() / 1000.0));
            }
        }
        sourcesByState.register(byState.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
                .toList(), true);
        lastSuccess.register(successes, true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
