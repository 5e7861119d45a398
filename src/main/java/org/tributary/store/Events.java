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
     * The published items matching the query whose event is not over before {@code from}, soonest first, at most
     * {@code limit}: what the calendars list.
     */
    public List<StoredItem> upcoming(ItemQuery query, Instant from, int limit) {
        return read(query, from, null, ItemPages.Direction.NEWER, limit).items();
    }

    /**
     * One page of the upcoming events (soonest first, {@code query.limit()} of them): from the soonest when
     * {@code cursor} is null, else those just later ({@link ItemPages.Direction#NEWER}) or just sooner
     * ({@link ItemPages.Direction#OLDER}) than the cursor. As with items, a cursor names a place in the order (event
     * start, public id), so a reader following "later" sees each event once however many arrive meanwhile.
     */
    public ItemPages.Page page(ItemQuery query, Instant from, PageCursor cursor, ItemPages.Direction direction) {
        return read(query, from, cursor, cursor == null ? ItemPages.Direction.NEWER : direction, query.limit());
    }

    /**
     * The cursor that sits exactly at this event item in the events' order. It is a {@link PageCursor} whose date
     * and first-seen time both carry the event's start: one opaque token kind for every page a reader follows.
     */
    public static PageCursor cursor(StoredItem item) {
        Instant start = item.item().event().start();
        return new PageCursor(start, start, item.item().publicId());
    }

    private ItemPages.Page read(ItemQuery query, Instant from, PageCursor cursor, ItemPages.Direction direction,
                                int limit) {
        boolean later = direction == ItemPages.Direction.NEWER;
        List<Object> params = new java.util.ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT i.* FROM item i ").append(store.published.publishedWhere(query, params))
                .append(" AND i.event_start_at IS NOT NULL AND COALESCE(i.event_end_at, i.event_start_at) >= ?");
        params.add(from.atOffset(java.time.ZoneOffset.UTC));
        if (cursor != null) {
            String cmp = later ? ">" : "<";
            sql.append(" AND (i.event_start_at ").append(cmp).append(" ? OR (i.event_start_at = ? AND i.public_id ")
                    .append(cmp).append(" ?))");
            Object start = cursor.date().atOffset(java.time.ZoneOffset.UTC);
            java.util.Collections.addAll(params, start, start, cursor.publicId());
        }
        String order = later ? "ASC" : "DESC";
        sql.append(" ORDER BY i.event_start_at ").append(order).append(", i.public_id ").append(order);
        return store.published.jdbc.read(c -> {
            List<StoredItem> rows = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                // One more than asked tells whether another page exists without counting.
                ps.setMaxRows(limit + 1);
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && rows.size() <= limit) rows.add(ItemRows.readItemRow(rs));
                }
            }
            boolean more = rows.size() > limit;
            if (more) rows.remove(rows.size() - 1);
            if (!later) java.util.Collections.reverse(rows);
            return new ItemPages.Page(store.published.completed(c, rows), more);
        });
    }

    /**
     * The moments at which every list of events is what it is at one moment: later than {@code after} and not later
     * than {@code through}; null for no bound on that side.
     */
    public record Span(Instant after, Instant through) {}

    /**
     * When lists of events read at {@code now} read the same with no write to the store. An event is listed while
     * its end (its start, without one) is not before the list's "from": the events pages (from now) hold from just
     * after the latest end before now through the earliest end at or after now; the calendars (from
     * {@code now - past}) the same, shifted by {@code past}. Both bounds depend on the store and on which span now
     * falls in, not on now itself, so exports made at different moments of one span record the same span.
     */
    public Span unchangedSpan(Instant now, java.time.Duration past) {
        String e = "COALESCE(event_end_at, event_start_at)";
        String sql = """
                SELECT MIN(CASE WHEN %1$s >= ? THEN %1$s END) AS page_next,
                       MAX(CASE WHEN %1$s < ? THEN %1$s END) AS page_last,
                       MIN(CASE WHEN %1$s >= ? THEN %1$s END) AS calendar_next,
                       MAX(CASE WHEN %1$s < ? THEN %1$s END) AS calendar_last
                FROM item WHERE hidden = FALSE AND event_start_at IS NOT NULL""".formatted(e);
        Instant from = now.minus(past);
        return store.published.jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, now);
                setInstant(ps, 2, now);
                setInstant(ps, 3, from);
                setInstant(ps, 4, from);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return new Span(null, null);
                    Instant after = later(getInstant(rs, "page_last"), plus(getInstant(rs, "calendar_last"), past));
                    Instant through = sooner(getInstant(rs, "page_next"), plus(getInstant(rs, "calendar_next"), past));
                    return new Span(after, through);
                }
            }
        });
    }

    private static Instant plus(Instant t, java.time.Duration d) {
        return t == null ? null : t.plus(d);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Instant sooner(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
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
        return store.published.jdbc.read(c -> {
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
