package org.tributary.alert;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Alerts;
import org.tributary.config.Config;
import org.tributary.config.Source;
import org.tributary.refresh.RefreshListener;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.AlertStore;
import org.tributary.store.SourceState;
import org.tributary.store.Store;

/**
 * Decides after each refresh whether an alert is due, and sends it. The rule: a source that has failed for longer
 * than {@code alerts.after}, or is gone (410), or has moved, gets one alert; when it is fine again, one more. The
 * store's conditional UPDATE decides who sends, so a restart, a second node or a refresh run by hand never
 * repeats one. A delivery that fails gives the claim back, to be tried at the next refresh.
 */
public final class Alerter implements RefreshListener {

    private static final Logger log = LoggerFactory.getLogger(Alerter.class);

    private final Supplier<Config> config;
    private final Store store;
    private final AlertStore alerts;
    private final Function<Alerts, List<Notifier>> notifiersFor;
    private final InstantSource clock;
    private volatile Alerts builtFor;
    private volatile List<Notifier> notifiers = List.of();

    /** @param notifiersFor builds the notifiers for the alerts section in force (rebuilt when a reload changes it) */
    public Alerter(Supplier<Config> config, Store store, AlertStore alerts, Function<Alerts, List<Notifier>> notifiersFor,
                   InstantSource clock) {
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.alerts = Objects.requireNonNull(alerts);
        this.notifiersFor = Objects.requireNonNull(notifiersFor);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public void refreshed(Source source, RefreshReport report) {
        Alerts settings = config.get().alerts();
        // A skipped turn says nothing new: the problem (or its absence) stands as the last real attempt left it.
        if (settings == null || report.outcome() == RefreshReport.Outcome.SKIPPED) return;
        // Microseconds: what the database keeps, so a claim can be matched by its time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String problem = problemOf(report);
        if (problem == null) {
            recover(source, now);
            return;
        }
        AlertStore.Row row = alerts.problem(source.id(), problem, now);
        if (row.alertedAt() != null) return; // this problem was already told
        boolean due = !problem.equals("failing") || !row.problemSince().plus(settings.after()).isAfter(now);
        if (!due || !alerts.claimAlert(source.id(), problem, now)) return;
        SourceState state = store.state(source.id()); // read only for an alert that goes out
        Alert alert = new Alert(Alert.Event.PROBLEM, source, problem, row.problemSince(), now,
                state.consecutiveFailures(), state.lastError());
        if (!deliver(settings, alert)) alerts.releaseAlert(source.id(), now);
    }

    private void recover(Source source, Instant now) {
        AlertStore.Row before = alerts.row(source.id());
        if (before.problem() == null && before.alertedAt() == null) return;
        if (!alerts.recovered(source.id(), before.alertedAt())) return;
        Alert alert = new Alert(Alert.Event.RECOVERED, source, before.alertedProblem(), before.problemSince(), now, 0,
                null);
        if (!deliver(config.get().alerts(), alert)) alerts.unrecover(before);
    }

    /**
     * What is wrong with the source after this refresh, or null. "moved" and "gone" come from the source's health
     * as the refresh left it (a permanent redirect learnt, a 410); a 410 is "gone" whatever else is known. A report
     * without a health (an internal error) is a failure.
     */
    static String problemOf(RefreshReport report) {
        String health = report.health();
        if ("gone".equals(health) || (report.outcome() == RefreshReport.Outcome.FAILED && report.status() == 410)) {
            return "gone";
        }
        if ("moved".equals(health)) return "moved";
        return report.outcome() == RefreshReport.Outcome.FAILED ? "failing" : null;
    }

    /** True when every notifier took it (an alert half-delivered is retried whole: a repeat beats a silence). */
    private boolean deliver(Alerts settings, Alert alert) {
        boolean all = true;
        for (Notifier n : notifiers(settings)) {
            try {
                n.send(alert);
                log.atInfo().setMessage("alert sent").addKeyValue("source", alert.source().id())
                        .addKeyValue("event", alert.event() == Alert.Event.RECOVERED ? "recovered" : alert.problem())
                        .addKeyValue("to", n.describe()).log();
            } catch (Notifier.DeliveryException e) {
                all = false;
                log.warn("alert[{}]: not delivered by {}: {}; will retry at the next refresh", alert.source().id(),
                        n.describe(), e.getMessage());
            }
        }
        return all;
    }

    private List<Notifier> notifiers(Alerts settings) {
        if (!settings.equals(builtFor)) {
            synchronized (this) {
                if (!settings.equals(builtFor)) {
                    notifiers = List.copyOf(notifiersFor.apply(settings));
                    builtFor = settings;
                }
            }
        }
        return notifiers;
    }
}
