package org.tributary.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.tributary.normalize.Item;

/**
 * An item as stored and published.
 *
 * @param date       the display date: the source's date, or first seen when missing or in the future; the sort key
 * @param firstSeen  when we first stored it
 * @param changedAt  when we last stored a change to it (equals firstSeen until it changes)
 * @param alsoFrom   ids of the other sources that carried the same story after this one, in that order
 * @param otherCopies the same sources with the link of their own copy of the story (null when it had none), in the
 *                   same order; feeds publish these links as "related"
 */
public record StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt, List<String> alsoFrom,
                         List<OtherCopy> otherCopies) {

    /** Another source's item that tells the same story: the source and the link of its copy (may be null). */
    public record OtherCopy(String sourceId, URI link) {
        public OtherCopy {
            Objects.requireNonNull(sourceId, "sourceId");
        }
    }

    public StoredItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(changedAt, "changedAt");
        otherCopies = otherCopies == null || otherCopies.isEmpty()
                ? (alsoFrom == null ? List.of() : alsoFrom.stream().map(id -> new OtherCopy(id, null)).toList())
                : List.copyOf(otherCopies);
        alsoFrom = otherCopies.stream().map(OtherCopy::sourceId).toList();
    }

    /** Other sources known by id only (their copies' links unknown). */
    public StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt, List<String> alsoFrom) {
        this(item, date, firstSeen, changedAt, alsoFrom, null);
    }

    /** An item no other source repeated. */
    public StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt) {
        this(item, date, firstSeen, changedAt, List.of(), null);
    }
}
