package org.tributary.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.config.FetchOptions;
import org.tributary.config.Source;
import org.tributary.parse.PollHints;

class PollTimingTest {

    /** A Monday. */
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration GRACE = HealthPolicy.grace(Duration.ofMinutes(30));

    private static Source source(boolean adaptive) {
        return new Source("s", "S", URI.create("https://example.org/feed"), null, Source.Kind.PARTNER, "News",
                List.of(), Duration.ofMinutes(30), null, List.of(), new FetchOptions(null, null, adaptive), null);
    }

    private static PollHints ttl(Duration ttl) {
        return new PollHints(ttl, Set.of(), Set.of(), null);
    }

    @Test
    void nothingSaidMeansTheNextScheduledFireGoesAhead() {
        assertThat(PollTiming.notBefore(source(false), T0, PollHints.NONE, null, List.of())).isNull();
        assertThat(PollTiming.notBefore(source(false), T0, ttl(Duration.ofMinutes(10)), null, List.of())).isNull();
    }

    @Test
    void ttlAndSyndicationPeriodAreNeverPolledFaster() {
        assertThat(PollTiming.notBefore(source(false), T0, ttl(Duration.ofHours(2)), null, List.of()))
                .isEqualTo(T0.plus(Duration.ofHours(2)).minus(GRACE));
        PollHints sy = new PollHints(null, Set.of(), Set.of(), Duration.ofDays(1).dividedBy(4));
        assertThat(PollTiming.notBefore(source(false), T0, sy, null, List.of()))
                .isEqualTo(T0.plus(Duration.ofHours(6)).minus(GRACE));
    }

    @Test
    void cacheControlIsHonouredAndEverythingIsBoundedTo24Hours() {
        assertThat(PollTiming.notBefore(source(false), T0, PollHints.NONE, T0.plus(Duration.ofHours(5)), List.of()))
                .isEqualTo(T0.plus(Duration.ofHours(5)).minus(GRACE));
        assertThat(PollTiming.notBefore(source(false), T0, ttl(Duration.ofDays(30)), null, List.of()))
                .isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void skipHoursAndSkipDaysMoveTheNextFetchToTheFirstAllowedHour() {
        PollHints hours = new PollHints(null, Set.of(10, 11, 12), Set.of(), null);
        assertThat(PollTiming.notBefore(source(false), T0, hours, null, List.of()))
                .isEqualTo(Instant.parse("2026-03-02T13:00:00Z"));
        PollHints days = new PollHints(null, Set.of(), Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY), null);
        assertThat(PollTiming.notBefore(source(false), T0, days, null, List.of()))
                .isEqualTo(Instant.parse("2026-03-03T10:00:00Z")); // bounded: 24 h after the fetch
        PollHints evening = new PollHints(null, Set.of(), Set.of(DayOfWeek.MONDAY), null);
        assertThat(PollTiming.notBefore(source(false), Instant.parse("2026-03-01T23:50:00Z"), evening, null, List.of()))
                .isEqualTo(Instant.parse("2026-03-02T23:50:00Z"));
    }

    @Test
    void adaptiveModePollsByPostingRateWithinBounds() {
        List<Instant> daily = List.of(T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofDays(2)),
                T0.minus(Duration.ofDays(3)));
        assertThat(PollTiming.notBefore(source(true), T0, PollHints.NONE, null, daily))
                .isEqualTo(T0.plus(Duration.ofHours(12)).minus(GRACE));
        assertThat(PollTiming.notBefore(source(false), T0, PollHints.NONE, null, daily)).isNull();
        List<Instant> busy = List.of(T0.minusSeconds(60), T0.minusSeconds(120), T0.minusSeconds(180));
        assertThat(PollTiming.notBefore(source(true), T0, PollHints.NONE, null, busy)).isNull();
    }
}
