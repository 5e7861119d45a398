package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.refresh.RefreshReport;
import org.tributary.testing.Required;

class MetricsTest {

    private final Metrics metrics = new Metrics("1.2.3-test");

    @AfterEach
    void tearDown() {
        metrics.close();
    }

    private static SourceStatus.Row row(String id, String state) {
        return new SourceStatus.Row(id, id, state, "https://" + id + ".example.org/feed", null, null, 0, 0, null,
                List.of());
    }

    @Test
    void countsEachRefreshBySourceAndOutcome() {
        metrics.refreshed(null, new RefreshReport("a", RefreshReport.Outcome.FETCHED, 200, 3, 1, null, 250, 4096));
        metrics.refreshed(null, new RefreshReport("a", RefreshReport.Outcome.NOT_MODIFIED, 304, 0, 0, null, 20));
        metrics.refreshed(null, new RefreshReport("b", RefreshReport.Outcome.FAILED, 503, 0, 0, "fetch[b]: HTTP 503", 40));
        metrics.refreshed(null, new RefreshReport("b", RefreshReport.Outcome.SKIPPED, 0, 0, 0, "not due", 1));
        String text = metrics.scrape(List.of());
        assertThat(text)
                .contains("tributary_fetches_total{outcome=\"fetched\",source=\"a\"} 1.0")
                .contains("tributary_fetches_total{outcome=\"not-modified\",source=\"a\"} 1.0")
                .contains("tributary_fetches_total{outcome=\"failed\",source=\"b\"} 1.0")
                .contains("tributary_fetches_total{outcome=\"skipped\",source=\"b\"} 1.0")
                .contains("tributary_fetch_duration_seconds_count{source=\"b\"} 1")
                .contains("tributary_fetch_duration_seconds_sum{source=\"a\"} 0.27")
                .contains("tributary_fetch_body_bytes_sum{source=\"a\"} 4096.0")
                .contains("tributary_items_added_total{source=\"a\"} 3.0")
                .contains("tributary_items_updated_total{source=\"a\"} 1.0");
    }

    @Test
    void aRefreshTheStoreFailedIsCountedForTheStoreNotAsTheSourcesFailure() {
        metrics.refreshed(null, new RefreshReport("a", RefreshReport.Outcome.STORE_FAILED, 0, 0, 0,
                "store[a]: the store fails", 5));
        metrics.refreshed(null, new RefreshReport("b", RefreshReport.Outcome.STORE_FAILED, 0, 0, 0,
                "store[b]: the store fails", 5));
        var failure = new org.tributary.store.StoreFailures.Failure(java.time.Instant.EPOCH,
                "disk full: the database cannot write", "No space left on device");
        String failing = metrics.scrape(List.of(row("a", "ok")), java.util.Optional.of(failure));
        assertThat(failing).contains("tributary_store_up 0.0").contains("tributary_store_failures_total 2.0")
                .doesNotContain("tributary_fetches_total{").doesNotContain("outcome=\"failed\"")
                .doesNotContain("outcome=\"store-failed\"");
        assertThat(metrics.scrape(List.of(row("a", "ok")))).contains("tributary_store_up 1.0");
    }

    @Test
    void sourcesPerStateFollowTheRowsOfEachScrape() {
        assertThat(metrics.scrape(List.of(row("a", "ok"), row("b", "failing"), row("c", "ok"))))
                .contains("tributary_sources{state=\"ok\"} 2.0")
                .contains("tributary_sources{state=\"failing\"} 1.0");
        assertThat(metrics.scrape(List.of(row("a", "ok"))))
                .contains("tributary_sources{state=\"ok\"} 1.0")
                .doesNotContain("tributary_sources{state=\"failing\"}");
    }

    @Test
    void countsDocumentsServed() {
        metrics.served("feed", "sent");
        metrics.served("feed", "sent");
        metrics.served("feed", "not-modified");
        metrics.rendered();
        assertThat(metrics.scrape(List.of()))
                .contains("tributary_publish_requests_total{document=\"feed\",result=\"sent\"} 2.0")
                .contains("tributary_publish_requests_total{document=\"feed\",result=\"not-modified\"} 1.0")
                .contains("tributary_publish_renders_total 1.0")
                .contains("jvm_threads_live_threads");
    }

    @Test
    void durationsAndBodiesAreHistogramsWithBuckets() {
        metrics.refreshed(null, new RefreshReport("a", RefreshReport.Outcome.FETCHED, 200, 3, 1, null, 300, 4096));
        String text = metrics.scrape(List.of());
        assertThat(text).contains("# TYPE tributary_fetch_duration_seconds histogram")
                .contains("tributary_fetch_duration_seconds_bucket{source=\"a\",le=\"0.25\"} 0")
                .contains("tributary_fetch_duration_seconds_bucket{source=\"a\",le=\"0.5\"} 1")
                .contains("tributary_fetch_duration_seconds_bucket{source=\"a\",le=\"+Inf\"} 1")
                .contains("# TYPE tributary_fetch_body_bytes histogram")
                .contains("tributary_fetch_body_bytes_bucket{source=\"a\",le=\"10000.0\"} 1");
    }

    @Test
    void namesTheRunningReleaseAndEachSourcesLastSuccess() {
        SourceStatus.Row ok = new SourceStatus.Row("a", "a", "ok", "https://a.example.org/feed",
                java.time.Instant.parse("2026-12-01T10:00:00Z"), null, 0, 5, null, List.of());
        String text = metrics.scrape(List.of(ok, row("b", "new")));
        assertThat(text).contains("tributary_build_info{version=\"1.2.3-test\"} 1\n")
                .contains("# TYPE tributary_source_last_success_timestamp_seconds gauge")
                .contains("tributary_source_last_success_timestamp_seconds{source=\"a\"} 1.7961192E9")
                .as("a source that never succeeded has no timestamp (not 0, which would read as very stale)")
                .doesNotContain("tributary_source_last_success_timestamp_seconds{source=\"b\"}")
                .contains("process_cpu_seconds_total");
    }

    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        Path promtool = Required.program("promtool (Debian package prometheus)", "promtool");
        metrics.refreshed(null, new RefreshReport("a", RefreshReport.Outcome.FETCHED, 200, 3, 1, null, 250, 4096));
        metrics.refreshed(null, new RefreshReport("b", RefreshReport.Outcome.FAILED, 503, 0, 0, "fetch[b]: HTTP 503", 40));
        metrics.served("feed", "sent");
        metrics.rendered();
        String text = metrics.scrape(List.of(row("a", "ok"), row("b", "failing")));
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics:\n" + said).isZero();
        assertThat(said).as("no lint problems").isBlank();
    }
}
