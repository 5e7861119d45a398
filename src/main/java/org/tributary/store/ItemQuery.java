package org.tributary.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which published items to read, newest first. An empty set means "any".
 *
 * @param sourceIds  the caller resolves "kind=" into source ids: the store knows no config
 * @param pastEvents items of these sources whose event started before this instant are left out (feeds.yml
 *                   {@code hide_past_events}); the caller names the sources and brings the clock
 */
public record ItemQuery(Set<String> types, Set<String> topics, Set<String> sourceIds, int limit,
                        PastEvents pastEvents) {

    public static final int MAX_LIMIT = 500;

    /**
     * Hide the items of {@code sourceIds} whose event start is before {@code now}; items without an event start, and
     * other sources' items, stay.
     */
    public record PastEvents(Set<String> sourceIds, Instant now) {
        public static final PastEvents NONE = new PastEvents(Set.of(), Instant.EPOCH);

        public PastEvents {
            sourceIds = Set.copyOf(sourceIds);
            Objects.requireNonNull(now, "now");
        }

        public boolean hidesAny() {
            return !sourceIds.isEmpty();
        }
    }

    public ItemQuery {
        types = Set.copyOf(types);
        topics = Set.copyOf(topics);
        sourceIds = Set.copyOf(sourceIds);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        if (pastEvents == null) pastEvents = PastEvents.NONE;
    }

    /** A query that hides no events. */
    public ItemQuery(Set<String> types, Set<String> topics, Set<String> sourceIds, int limit) {
        this(types, topics, sourceIds, limit, PastEvents.NONE);
    }

    public static ItemQuery newest(int limit) {
        return new ItemQuery(Set.of(), Set.of(), Set.of(), limit);
    }

    /** This query with the past events of {@code hidingSources} (as of {@code now}) left out. */
    public ItemQuery hidingPastEvents(Set<String> hidingSources, Instant now) {
        return new ItemQuery(types, topics, sourceIds, limit, new PastEvents(hidingSources, now));
    }

    public ItemQuery withLimit(int newLimit) {
        return new ItemQuery(types, topics, sourceIds, newLimit, pastEvents);
    }
}
