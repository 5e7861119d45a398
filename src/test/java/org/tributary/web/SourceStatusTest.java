package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.store.SourceHealth;
import org.tributary.store.SourceState;

/** The one state a source is shown in, wherever it is shown. */
class SourceStatusTest {

    private static SourceState state(Instant lastAttempt, int failures) {
        return new SourceState("s", "https://s.example/feed", null, null, lastAttempt, null, 0, null, failures, null,
                List.of(), 0, null);
    }

    private static SourceHealth health(SourceHealth.State state) {
        return new SourceHealth(state, null, null, 0, null, null, null);
    }

    @Test
    void theHealthTheLastRefreshLeftWinsOverTheFailureCount() {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(SourceStatus.stateOf(health(SourceHealth.State.BACKING_OFF), state(t, 3))).isEqualTo("backing-off");
        assertThat(SourceStatus.stateOf(health(SourceHealth.State.NOT_MODIFIED), state(t, 0)))
                .isEqualTo("not-modified");
        assertThat(SourceStatus.stateOf(health(SourceHealth.State.GONE), state(t, 1))).isEqualTo("gone");
    }

    @Test
    void withoutAHealthASourceIsNewUntilTriedThenFailingOrOk() {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(SourceStatus.stateOf(SourceHealth.NEW, SourceState.unknown("s"))).isEqualTo("new");
        assertThat(SourceStatus.stateOf(SourceHealth.NEW, state(t, 1))).isEqualTo("failing");
        assertThat(SourceStatus.stateOf(SourceHealth.NEW, state(t, 0))).isEqualTo("ok");
    }
}
