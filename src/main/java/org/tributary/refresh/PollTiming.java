package org.tributary.refresh;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.tributary.config.Source;
import org.tributary.parse.PollHints;

/**
 * When a source that just answered may be asked again: never sooner than its interval, its RSS {@code <ttl>}, its
 * {@code sy:updatePeriod}/{@code sy:updateFrequency} or the response's Cache-Control max-age / Expires allow, and
 * never in one of its {@code <skipHours>} or {@code <skipDays>} (GMT). In adaptive mode, also not sooner than half the
 * mean gap between its last ten posts. Everything is bounded to 24 hours, so a feed that asks for a week (or a year)
 * is still looked at daily. The result is a "not before" time the refresher honours when the schedule fires, so
 * Quartz keeps one simple interval per source.
 */
final class PollTiming {

    static final Duration MAX_WAIT = HealthPolicy.MAX_WAIT;

    private PollTiming() {}

    /** The "not before" time, or null when the next scheduled fire may go ahead. */
    static Instant notBefore(Source source, Instant started, PollHints hints, Instant freshUntil,
                             List<Instant> postDates) {
        Duration interval = source.every();
        Duration grace = HealthPolicy.grace(interval);
        Instant natural = started.plus(interval).minus(grace);
        Instant latest = started.plus(MAX_WAIT);
        Instant t = natural;
        for (Duration asked : new Duration[] {hints.ttl(), hints.updatePeriod(),
                source.fetchOptions().adaptive() ? adaptive(postDates) : null}) {
            if (asked != null) t = later(t, started.plus(asked).minus(grace));
        }
        if (freshUntil != null) t = later(t, freshUntil.minus(grace));
        if (t.isAfter(latest)) t = latest;
        t = outsideSkips(t, hints, latest);
        return t.isAfter(natural) ? t : null;
    }

    /** Half the mean gap between the newest ten posts; null with fewer than two. */
    static Duration adaptive(List<Instant> postDates) {
        List<Instant> dates = new ArrayList<>(postDates.stream().filter(Objects::nonNull).toList());
        if (dates.size() < 2) return null;
        dates.sort(Comparator.reverseOrder());
        List<Instant> newest = dates.subList(0, Math.min(10, dates.size()));
        Duration span = Duration.between(newest.get(newest.size() - 1), newest.get(0));
        return span.dividedBy(newest.size() - 1).dividedBy(2);
    }

    /** Moves t to the start of the first hour that is neither a skip hour nor in a skip day, up to {@code latest}. */
    private static Instant outsideSkips(Instant t, PollHints hints, Instant latest) {
        if (hints.skipHours().isEmpty() && hints.skipDays().isEmpty()) return t;
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        for (int i = 0; i < 8 * 24; i++) {
            boolean skipped = hints.skipHours().contains(z.getHour()) || hints.skipDays().contains(z.getDayOfWeek());
            if (!skipped) return z.toInstant();
            z = z.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            if (z.toInstant().isAfter(latest)) return latest; // every hour skipped: the 24 h bound wins
        }
        return t;
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
