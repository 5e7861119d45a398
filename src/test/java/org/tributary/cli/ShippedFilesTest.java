package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Required;

/**
 * The files the archive ships for other programs (Prometheus' alert rules, the systemd unit), checked by those
 * programs' own tools.
 */
class ShippedFilesTest {

    private static final Path ALERTS = Path.of("src/dist/alerts.yml");
    private static final Path UNIT = Path.of("src/dist/tributary.service");

    @TempDir
    Path dir;

    private record Run(int exit, String output) {}

    private static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Path promtool = Required.program("promtool (Debian package prometheus)", "promtool");
        Run check = run(List.of(promtool.toString(), "check", "rules", ALERTS.toString()));
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 3 rules found");
    }

    /** promtool's rule unit test: a source whose last success stops moving alerts after 6 h + 15 m, not before. */
    @Test
    void theStalenessAlertFiresForASourceThatStoppedAndNotForOneThatFetches() throws Exception {
        Path promtool = Required.program("promtool (Debian package prometheus)", "promtool");
        // Two sources scraped every minute for 8 hours: "live" succeeds at every scrape, "stuck" last did at t=0.
        Path test = Files.writeString(dir.resolve("alerts-test.yml"), """
                rule_files: [%s]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'tributary_source_last_success_timestamp_seconds{source="live",instance="a",job="tributary"}'
                        values: '0+60x480'
                      - series: 'tributary_source_last_success_timestamp_seconds{source="stuck",instance="a",job="tributary"}'
                        values: '0+0x480'
                    alert_rule_test:
                      - eval_time: 6h10m
                        alertname: TributarySourceStale
                        exp_alerts: []
                      - eval_time: 6h20m
                        alertname: TributarySourceStale
                        exp_alerts:
                          - exp_labels: { severity: warning, source: stuck, instance: a, job: tributary }
                            exp_annotations:
                              summary: "Feed source stuck has not fetched fine for 6h 20m 0s"
                              description: "See /status.html on a for its last error; partners are alerted separately (alerts: in feeds.yml)."
                """.formatted(ALERTS.toAbsolutePath()));
        Run unit = run(List.of(promtool.toString(), "test", "rules", test.toString()));
        assertThat(unit.exit()).as(unit.output()).isZero();
        assertThat(unit.output()).contains("SUCCESS");
    }

    @Test
    void systemdRatesTheUnitAtMostTwoAndAHalf() throws Exception {
        Path analyze = Required.program("systemd-analyze (Debian package systemd)", "systemd-analyze");
        Run security = run(List.of(analyze.toString(), "security", "--offline=true", "--no-pager", UNIT.toString()));
        assertThat(security.exit()).as(security.output()).isZero();
        java.util.regex.Matcher level = java.util.regex.Pattern.compile("Overall exposure level for tributary.service: "
                + "(\\d+\\.\\d)").matcher(security.output());
        assertThat(level.find()).as(security.output()).isTrue();
        assertThat(Double.parseDouble(level.group(1))).as(security.output()).isLessThanOrEqualTo(2.5);
    }

    /** Every key is one this systemd knows (a typo is only a warning at install time, so it is caught here). */
    @Test
    void systemdKnowsEveryDirectiveAndABadConfigIsNotRestarted() throws Exception {
        Path analyze = Required.program("systemd-analyze (Debian package systemd)", "systemd-analyze");
        String unit = Files.readString(UNIT);
        assertThat(unit).containsPattern("(?m)^RestartPreventExitStatus=2 3$").contains("Restart=on-failure");
        // verify wants ExecStart to exist on this machine: the same unit with a program that does.
        Path copy = Files.writeString(dir.resolve("tributary.service"),
                unit.replace("/opt/tributary/bin/tributary", "/bin/true"));
        Run verify = run(List.of(analyze.toString(), "verify", "--man=no", copy.toString()));
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("no unknown or invalid directive").doesNotContainIgnoringCase("unknown")
                .doesNotContainIgnoringCase("invalid").doesNotContainIgnoringCase("ignoring");
    }
}
