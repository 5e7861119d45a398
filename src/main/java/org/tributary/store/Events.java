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
     * The last instant through which lists of events read at {@code now} stay the same with no write to the store:
     * an event is listed while its end (its start, without one) is not before the list's "from", so the lists from
     * now (the events pages) change just after the earliest such end at or after now, and the lists from
     * {@code now - past} (the calendars) just after the earliest end at or after that, plus {@code past}. Null when
     * no visible event is listed in either, so only a write changes them.
     */
    public Instant listsUnchangedThrough(Instant now, java.time.Duration past) {
        String sql = """
                SELECT MIN(CASE WHEN COALESCE(event_end_at, event_start_at) >= ?
                                THEN COALESCE(event_end_at, event_start_at) END) AS page_end,
                       MIN(COALESCE(event_end_at, event_start_at)) AS calendar_end
                FROM item WHERE hidden = FALSE AND event_start_at IS NOT NULL
                  AND COALESCE(event_end_at, event_start_at) >= ?""";
        return store.published.jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, now);
                setInstant(ps, 2, now.minus(past));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    Instant pageEnd = getInstant(rs, "page_end");
                    Instant calendarEnd = getInstant(rs, "calendar_end");
                    Instant calendarMoves = calendarEnd == null ? null : calendarEnd.plus(past);
                    if (pageEnd == null) return calendarMoves;
                    return calendarMoves == null || pageEnd.isBefore(calendarMoves) ? pageEnd : calendarMoves;
                }
            }
        });
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
