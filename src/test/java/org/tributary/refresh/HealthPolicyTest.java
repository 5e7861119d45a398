package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.config.Source;
import org.tributary.parse.PollHints;
import org.tributary.store.SourceHealth;
import org.tributary.store.SourceHealth.State;

class HealthPolicyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final URI FEED = URI.create("https://old.example.org/feed");
    private static final URI NEW = URI.create("https://new.example.org/feed");
    private static final Source SOURCE = new Source("s", "S", FEED, null, Source.Kind.PARTNER, "News", List.of(),
            Duration.ofMinutes(30), null, List.of());

    private final HealthPolicy policy = new HealthPolicy(new SplittableRandom(42));

    @Test
    void firstFailureRetriesAtTheNextScheduledTimeThenBacksOffExponentially() {
        SourceHealth first = policy.afterFailure(SourceHealth.NEW, SOURCE, 1, 404, null, T0);
        assertThat(first.state()).isEqualTo(State.FAILING);
        assertThat(first.notBefore()).isNull();
        Duration previous = Duration.ZERO;
        for (int n = 2; n <= 7; n++) {
            SourceHealth h = policy.afterFailure(first, SOURCE, n, 0, null, T0);
            assertThat(h.state()).isEqualTo(State.BACKING_OFF);
            Duration wait = Duration.between(T0, h.notBefore());
            double nominal = 30 * 60 * Math.pow(2, n - 1);
            // ±25% jitter around interval × 2^(n-1)
            assertThat(wait.toSeconds()).isBetween((long) (nominal * 0.75) - 1, (long) (nominal * 1.25) + 1);
            assertThat(wait).isGreaterThan(previous.dividedBy(2));
            previous = wait;
        }
    }

    @Test
    void backoffNeverExceeds24HoursAndJitterSpreadsSources() {
        for (int i = 0; i < 100; i++) {
            SourceHealth h = policy.afterFailure(SourceHealth.NEW, SOURCE, 40, 0, null, T0);
            assertThat(Duration.between(T0, h.notBefore())).isLessThanOrEqualTo(Duration.ofHours(24));
        }
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> policy.afterFailure(SourceHealth.NEW, SOURCE, 3, 0, null, T0).notBefore())
                .distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void goneStopsTheSourceUntilReset() {
        SourceHealth h = policy.afterFailure(SourceHealth.NEW, SOURCE, 1, 410, null, T0);
        assertThat(h.state()).isEqualTo(State.GONE);
        assertThat(h.isDue(T0.plus(Duration.ofDays(365)))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void retryAfterIsHonouredWithinIntervalAnd24Hours(int status) {
        SourceHealth asked = policy.afterFailure(SourceHealth.NEW, SOURCE, 1, status, T0.plus(Duration.ofHours(3)), T0);
        assertThat(asked.state()).isEqualTo(State.RATE_LIMITED);
        assertThat(asked.notBefore()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(asked.isDue(T0.plus(Duration.ofHours(3)).minusSeconds(1))).isFalse();
        assertThat(asked.isDue(T0.plus(Duration.ofHours(3)))).isTrue();

        SourceHealth tooLong = policy.afterFailure(SourceHealth.NEW, SOURCE, 1, status, T0.plus(Duration.ofDays(9)), T0);
        assertThat(tooLong.notBefore()).isEqualTo(T0.plus(Duration.ofHours(24)));

        SourceHealth tooShort = policy.afterFailure(SourceHealth.NEW, SOURCE, 1, status, T0.plusSeconds(5), T0);
        assertThat(Duration.between(T0, tooShort.notBefore()))
                .isEqualTo(Duration.ofMinutes(30).minus(HealthPolicy.grace(Duration.ofMinutes(30))));
    }

    @Test
    void aPermanentRedirectMovesTheSourceAfterThreeConsecutiveSightings() {
        SourceHealth h = SourceHealth.NEW;
        for (int i = 1; i <= 2; i++) {
            h = policy.afterSuccess(h, SOURCE, false, NEW, null, PollHints.NONE);
            assertThat(h.redirectStreak()).isEqualTo(i);
            assertThat(h.effectiveUrl(FEED)).isEqualTo(FEED);
            assertThat(h.state()).isEqualTo(State.OK);
        }
        h = policy.afterSuccess(h, SOURCE, false, NEW, null, PollHints.NONE);
        assertThat(h.state()).isEqualTo(State.MOVED);
        assertThat(h.effectiveUrl(FEED)).isEqualTo(NEW);
        // feeds.yml edited to another URL: the learnt move no longer applies
        assertThat(h.effectiveUrl(URI.create("https://other.example.org/feed")))
                .isEqualTo(URI.create("https://other.example.org/feed"));
    }

    @Test
    void aFetchWithoutThePermanentRedirectRestartsTheCount() {
        SourceHealth h = policy.afterSuccess(SourceHealth.NEW, SOURCE, false, NEW, null, PollHints.NONE);
        h = policy.afterSuccess(h, SOURCE, false, NEW, null, PollHints.NONE);
        h = policy.afterSuccess(h, SOURCE, true, null, null, PollHints.NONE);
        assertThat(h.redirectStreak()).isZero();
        h = policy.afterSuccess(h, SOURCE, false, NEW, null, PollHints.NONE);
        h = policy.afterSuccess(h, SOURCE, false, URI.create("https://third.example.org/"), null, PollHints.NONE);
        assertThat(h.redirectStreak()).isEqualTo(1);
        assertThat(h.effectiveUrl(FEED)).isEqualTo(FEED);
    }

    @Test
    void successClearsBackoff() {
        SourceHealth failing = policy.afterFailure(SourceHealth.NEW, SOURCE, 5, 500, null, T0);
        SourceHealth ok = policy.afterSuccess(failing, SOURCE, true, null, null, PollHints.NONE);
        assertThat(ok.state()).isEqualTo(State.NOT_MODIFIED);
        assertThat(ok.notBefore()).isNull();
    }
}
