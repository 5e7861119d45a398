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
 * @param otherCopies the other sources that carried the same story after this one, in that order, each with the link
 *                    of its own copy (null when it had none); feeds publish these links as "related"
 * @param revision   how many changes were stored to the item since it was first seen (an iCalendar SEQUENCE)
 */
public record StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt, List<OtherCopy> otherCopies,
                         int revision) {

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
        otherCopies = otherCopies == null ? List.of() : List.copyOf(otherCopies);
    }

    /** An item at its first revision. */
    public StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt, List<OtherCopy> otherCopies) {
        this(item, date, firstSeen, changedAt, otherCopies, 0);
    }

    /** An item no other source repeated. */
    public StoredItem(Item item, Instant date, Instant firstSeen, Instant changedAt) {
        this(item, date, firstSeen, changedAt, List.of());
    }

    /** The ids of the other sources that carried the same story, in order ("also from …"). */
    public List<String> alsoFrom() {
        return otherCopies.stream().map(OtherCopy::sourceId).toList();
    }
}
