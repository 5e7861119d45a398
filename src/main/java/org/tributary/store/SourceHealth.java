package org.tributary.store;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.tributary.parse.PollHints;

/**
 * How a source is doing, and what that means for the next request: the health columns of its {@link SourceState}.
 * Written by the refresher after every attempt (the rules are {@code refresh.HealthPolicy}'s), cleared by an
 * operator's reset.
 *
 * @param state          null before the first attempt
 * @param notBefore      no request to the source before this time (backoff, Retry-After, ttl, Cache-Control); null
 *                       when it is due at its next scheduled time
 * @param redirectTarget where every hop of the last fetches' redirect chains was permanent (301/308), or null
 * @param redirectStreak how many consecutive fetches saw redirectTarget
 * @param movedFrom      the feeds.yml URL that was found to have moved, or null
 * @param movedTo        the URL fetched instead of movedFrom, or null
 * @param pollHints      what the feed said about polling in its last 200, kept so that 304s honour it too
 */
public record SourceHealth(State state, Instant notBefore, URI redirectTarget, int redirectStreak, URI movedFrom,
                           URI movedTo, PollHints pollHints) {

    public static final SourceHealth NEW = new SourceHealth(null, null, null, 0, null, null, PollHints.NONE);

    public SourceHealth {
        pollHints = pollHints == null ? PollHints.NONE : pollHints;
    }

    public enum State {
        OK, NOT_MODIFIED, FAILING, BACKING_OFF, RATE_LIMITED, MOVED, GONE;

        /** As /status and the logs write it: "rate-limited". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static State ofLabel(String label) {
            return label == null ? null : valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** The URL to fetch: the moved-to one while feeds.yml still names the URL that moved. */
    public URI effectiveUrl(URI configured) {
        return movedTo != null && configured.equals(movedFrom) ? movedTo : configured;
    }

    /** Why a gone source is not fetched, as the refresh and /status say it. */
    public static String goneText(String sourceId) {
        return "gone (HTTP 410): not fetched until `tributary reset " + sourceId + "`";
    }

    /** Whether a request may be sent at {@code now}. A gone source is never due until reset. */
    public boolean isDue(Instant now) {
        if (state == State.GONE) return false;
        return notBefore == null || !now.isBefore(notBefore);
    }
}
