package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tributary.refresh.RefreshReport;

class RefreshProgressTest {

    private static final RefreshReport OK = new RefreshReport("wls", RefreshReport.Outcome.FETCHED, 200, 2, 0, null,
            120, 2048);

    private static String run(boolean terminal) {
        StringWriter text = new StringWriter();
        RefreshCommand.Progress progress = new RefreshCommand.Progress(new PrintWriter(text), 2, terminal);
        progress.started();
        progress.started();
        progress.finished(OK);
        progress.finished(new RefreshReport("b", RefreshReport.Outcome.FAILED, 503, 0, 0, "fetch[b]: HTTP 503", 30));
        progress.done();
        return text.toString();
    }

    @Test
    void onATerminalALastLineCountsUpInPlace() {
        String out = run(true);
        assertThat(out).contains("\r\033[K  0/2 sources done…").contains("\r\033[K  1/2 sources done…")
                .contains("ok    wls").contains("2 new, 0 updated  2.0 KB  120 ms").endsWith("\r\033[K");
    }

    @Test
    void otherwisePlainLinesOnly() {
        assertThat(run(false)).isEqualTo("""
                ok    wls                          HTTP 200  2 new, 0 updated  2.0 KB  120 ms
                FAIL  b                            fetch[b]: HTTP 503
                """);
    }
}
