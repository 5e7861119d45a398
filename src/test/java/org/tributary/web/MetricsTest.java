package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.refresh.RefreshReport;

class MetricsTest {

    private final Metrics metrics = new Metrics();

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
}
