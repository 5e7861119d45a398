package org.tributary.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.tributary.normalize.Item;

/**
 * An item as stored and published.
 *
 * @param date      the display date: the source's date, or first seen when missing or in the future; the sort key
 * @param firstSeen when we first stored it
 * @param changedAt when we last stored a change to it (equals firstSeen until it changes)
 * @param alsoFrom  ids of the other sources that carried the same story after this one, in that order
 */
public record StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt, List<String> alsoFrom) {
    public StoredItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(changedAt, "changedAt");
        alsoFrom = alsoFrom == null ? List.of() : List.copyOf(alsoFrom);
    }

    /** An item no other source repeated. */
    public StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt) {
        this(item, date, firstSeen, changedAt, List.of());
    }
}
