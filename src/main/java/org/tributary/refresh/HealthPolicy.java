package org.tributary.refresh;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.tributary.config.Source;
import org.tributary.parse.PollHints;
import org.tributary.store.SourceHealth;
import org.tributary.store.SourceHealth.State;

/**
 * The rules of source health: what one outcome makes of the state before it. Pure: times and randomness come in.
 *
 * <ul>
 *   <li>Success resets failures and backoff. A redirect chain whose every hop was permanent (301/308) counts towards
 *       a move; after {@value #MOVE_AFTER} consecutive successful fetches that saw the same target, the source is
 *       fetched at that target ("moved"). feeds.yml is never rewritten. Failures neither count nor break the streak.</li>
 *   <li>410 Gone stops the source until an operator resets it.</li>
 *   <li>429 and 503 wait for Retry-After, bounded to [interval, 24 h]; without one they back off.</li>
 *   <li>Any other failure (404, DNS, timeout, not a feed): the first is retried at the next scheduled time; from the
 *       second on, exponential backoff from the interval (interval × 2^(n-1)), with ±25% jitter, at most 24 h.</li>
 * </ul>
 * Lower bounds of our own making are eased by a little grace (a tenth of the interval, at most a minute), so a wait
 * of "one interval" does not miss the very next scheduled fire by the few milliseconds the fetch took.
 */
final class HealthPolicy {

    static final Duration MAX_WAIT = Duration.ofHours(24);
    static final int MOVE_AFTER = 3;

    private final RandomGenerator random;

    HealthPolicy(RandomGenerator random) {
        this.random = random;
    }

    /**
     * @param permanentRedirect where an all-permanent redirect chain led, or null
     * @param askedNotBefore    the earliest next request the feed or the response asks for (ttl, Cache-Control...),
     *                          or null
     * @param hints             the feed's poll hints to keep (from this 200, or the last one's on a 304)
     */
    SourceHealth afterSuccess(SourceHealth before, Source source, boolean notModified, URI permanentRedirect,
                              Instant askedNotBefore, PollHints hints) {
        URI target = null;
        int streak = 0;
        URI movedFrom = before.movedFrom();
        URI movedTo = before.movedTo();
        if (permanentRedirect != null) {
            streak = permanentRedirect.equals(before.redirectTarget()) ? before.redirectStreak() + 1 : 1;
            target = permanentRedirect;
            if (streak >= MOVE_AFTER) {
                movedFrom = source.url();
                movedTo = permanentRedirect;
                target = null;
                streak = 0;
            }
        }
        boolean moved = movedTo != null && source.url().equals(movedFrom);
        State state = moved ? State.MOVED : notModified ? State.NOT_MODIFIED : State.OK;
        return new SourceHealth(state, askedNotBefore, target, streak, movedFrom, movedTo, hints);
    }

    /**
     * @param failures   consecutive failures including this one
     * @param status     the HTTP status, 0 when there was no response
     * @param retryAfter what a 429 or 503 asked for, or null
     * @param started    when this attempt started
     */
    SourceHealth afterFailure(SourceHealth before, Source source, int failures, int status, Instant retryAfter,
                              Instant started) {
        Duration interval = source.every();
        Instant earliest = started.plus(interval).minus(grace(interval));
        Instant latest = started.plus(MAX_WAIT);
        State state;
        Instant notBefore;
        if (status == 410) {
            state = State.GONE;
            notBefore = null;
        } else if (status == 429 || status == 503) {
            state = State.RATE_LIMITED;
            Instant wanted = retryAfter != null ? retryAfter : started.plus(backoff(interval, Math.max(2, failures)));
            notBefore = clamp(wanted, earliest, latest);
        } else if (failures <= 1) {
            state = State.FAILING;
            notBefore = null;
        } else {
            state = State.BACKING_OFF;
            notBefore = clamp(started.plus(backoff(interval, failures)), earliest, latest);
        }
        return new SourceHealth(state, notBefore, before.redirectTarget(), before.redirectStreak(),
                before.movedFrom(), before.movedTo(), before.pollHints());
    }

    /** interval × 2^(failures-1), with ±25% jitter so sources that broke together do not retry together. */
    Duration backoff(Duration interval, int failures) {
        int doublings = Math.min(failures - 1, 20);
        double seconds = Math.min(interval.toSeconds() * Math.pow(2, doublings), MAX_WAIT.toSeconds());
        double jittered = seconds * (0.75 + 0.5 * random.nextDouble());
        return Duration.ofMillis((long) (jittered * 1000));
    }

    static Duration grace(Duration interval) {
        Duration tenth = interval.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
    }

    private static Instant clamp(Instant t, Instant low, Instant high) {
        return t.isBefore(low) ? low : t.isAfter(high) ? high : t;
    }
}
