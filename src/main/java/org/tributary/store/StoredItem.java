package org.tributary.store;

import java.time.Instant;
import java.util.Objects;
import org.tributary.normalize.Item;

/**
 * An item as stored and published.
 *
 * @param date      the display date: the source's date, or first seen when missing or in the future; the sort key
 * @param firstSeen when we first stored it
 * @param changedAt when we last stored a change to it (equals firstSeen until it changes)
 */
public record StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt) {
    public StoredItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
