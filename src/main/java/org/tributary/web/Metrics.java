package org.tributary.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
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
 * tributary_fetches_total{source,outcome}         refreshes by outcome: fetched, not-modified, failed, skipped
 * tributary_fetch_duration_seconds{source}         whole refresh of one source (fetch, parse, store)
 * tributary_fetch_body_bytes{source}               body sizes received (after decompression)
 * tributary_items_added_total{source}, tributary_items_updated_total{source}
 * tributary_sources{state}                         sources per state, counted at scrape time
 * tributary_publish_requests_total{document,result} result: rendered, cached, not-modified
 * jvm_*, process_*, system_*                       the JVM
 * </pre>
 */
public final class Metrics implements RefreshListener, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge sourcesByState;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** The request counters by "document result": looked up per request, built once (bench/serve). */
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    public Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        sourcesByState = MultiGauge.builder("tributary.sources").description("configured sources per state")
                .register(registry);
    }

    @Override
    public void refreshed(Source source, RefreshReport report) {
        String id = report.sourceId();
        Counter.builder("tributary.fetches").description("refreshes by source and outcome")
                .tags("source", id, "outcome", report.outcome().label()).register(registry).increment();
        if (report.outcome() == RefreshReport.Outcome.SKIPPED) return;   // counted, but no fetch to time
        Timer.builder("tributary.fetch.duration").description("time to fetch, parse and store one source")
                .tag("source", id).register(registry).record(Duration.ofMillis(report.millis()));
        if (report.outcome() == RefreshReport.Outcome.FETCHED) {
            DistributionSummary.builder("tributary.fetch.body").baseUnit("bytes")
                    .description("body size after decompression").tag("source", id).register(registry)
                    .record(report.bytes());
        }
        Counter.builder("tributary.items.added").tag("source", id).register(registry).increment(report.added());
        Counter.builder("tributary.items.updated").tag("source", id).register(registry).increment(report.updated());
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

    /** The Prometheus text, with the per-state source counts taken from these rows. */
    String scrape(List<SourceStatus.Row> rows) {
        Map<String, Long> byState = new TreeMap<>();
        for (SourceStatus.Row row : rows) byState.merge(row.state(), 1L, Long::sum);
        sourcesByState.register(byState.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
                .toList(), true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
