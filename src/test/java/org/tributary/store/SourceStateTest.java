package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one state a source is shown in, wherever it is shown. */
class SourceStateTest {

    private static SourceState state(Instant lastAttempt, int failures, SourceHealth.State health) {
        return new SourceState("s", "https://s.example/feed", null, null, lastAttempt, null, 0, null, failures, null,
                List.of(), null, List.of(), new SourceHealth(health, null, null, 0, null, null, null));
    }

    @Test
    void theHealthTheLastRefreshLeftWinsOverTheFailureCount() {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(state(t, 3, SourceHealth.State.BACKING_OFF).shownState()).isEqualTo("backing-off");
        assertThat(state(t, 0, SourceHealth.State.NOT_MODIFIED).shownState())
                .isEqualTo("not-modified");
        assertThat(state(t, 1, SourceHealth.State.GONE).shownState()).isEqualTo("gone");
    }

    @Test
    void withoutAHealthASourceIsNewUntilTriedThenFailingOrOk() {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(SourceState.unknown("s").shownState()).isEqualTo("new");
        assertThat(state(t, 1, null).shownState()).isEqualTo("failing");
        assertThat(state(t, 0, null).shownState()).isEqualTo("ok");
    }
}
