package org.tributary.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.refresh.RefreshReport;

class AlerterTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "FETCHED,      200, ''",
            "NOT_MODIFIED, 304, ''",
            "FAILED,       503, failing",
            "FAILED,       0,   failing",
            "FAILED,       429, failing",
            "FAILED,       410, gone",
    })
    void theProblemFollowsTheOutcome(RefreshReport.Outcome outcome, int status, String problem) {
        boolean failed = outcome == RefreshReport.Outcome.FAILED;
        RefreshReport report = new RefreshReport("wls", outcome, status, 0, 0,
                failed ? "fetch[wls]: HTTP " + status : null, 10);
        assertThat(Alerter.problemOf(report)).isEqualTo(problem.isEmpty() ? null : problem);
    }

    @ParameterizedTest(name = "health {0} → {1}")
    @CsvSource({"ok, ''", "not-modified, ''", "moved, moved", "gone, gone", "backing-off, ''"})
    void movedAndGoneComeFromTheHealthTheRefreshLeft(String health, String problem) {
        RefreshReport report = new RefreshReport("wls", RefreshReport.Outcome.FETCHED, 200, 0, 0, null, 10, 100,
                health, null);
        assertThat(Alerter.problemOf(report)).isEqualTo(problem.isEmpty() ? null : problem);
    }
}
