package org.tributary.parse;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Set;

/**
 * What a feed says about how often to ask for it. Empty sets and nulls mean "nothing said".
 *
 * @param ttl          RSS {@code <ttl>}: how long the channel may be cached, or null
 * @param skipHours    RSS {@code <skipHours>}: hours of the day (0–23, GMT) not to fetch
 * @param skipDays     RSS {@code <skipDays>}: days (GMT) not to fetch
 * @param updatePeriod {@code sy:updatePeriod} divided by {@code sy:updateFrequency}, or null
 */
public record PollHints(Duration ttl, Set<Integer> skipHours, Set<DayOfWeek> skipDays, Duration updatePeriod) {

    public static final PollHints NONE = new PollHints(null, Set.of(), Set.of(), null);

    public PollHints {
        skipHours = Set.copyOf(skipHours);
        skipDays = Set.copyOf(skipDays);
    }
}
