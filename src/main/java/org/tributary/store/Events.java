package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the published selection changes without a write: an item of a source that hides past events leaves every
 * output the moment its event starts, so a document rendered before then is good only until the next such start.
 */
public final class Events {

    private final Store store;

    public Events(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The earliest event start after {@code now} among visible items of these sources, or null if none: a selection
     * read at {@code now} holds until that instant and is wrong just after it (an event is shown while it starts).
     */
    public Instant nextStart(Set<String> sourceIds, Instant now) {
        if (sourceIds.isEmpty()) return null;
        List<String> ids = List.copyOf(new TreeSet<>(sourceIds));
        String sql = "SELECT MIN(event_start_at) AS next_start FROM item WHERE hidden = FALSE AND event_start_at > ?"
                + " AND source_id IN (" + Jdbc.marks(ids.size()) + ")";
        return store.jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, now);
                for (int i = 0; i < ids.size(); i++) ps.setString(i + 2, ids.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? getInstant(rs, "next_start") : null;
                }
            }
        });
    }
}
