package org.tributary.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Published items one page at a time, by keyset: a page is "the N items just older (or newer) than a cursor" in the
 * published order (display date, first seen, public id; all descending). Unlike an offset, a cursor names a place in
 * the history that new items cannot move, so walking "older" from the newest page visits every stored item once.
 */
public final class ItemPages {

    /** Which way a page runs from its cursor: OLDER is RFC 5005's "next", NEWER its "previous". */
    public enum Direction { OLDER, NEWER }

    /**
     * One page, always newest first.
     *
     * @param more whether items exist beyond this page in the direction it was read (older for the newest page)
     */
    public record Page(List<StoredItem> items, boolean more) {
        public Page {
            items = List.copyOf(items);
        }

        public PageCursor first() {
            return PageCursor.of(items.get(0));
        }

        public PageCursor last() {
            return PageCursor.of(items.get(items.size() - 1));
        }
    }

    private final Store store;

    public ItemPages(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The newest page, and whether older items exist: what every published document reads. */
    public Page newest(ItemQuery query) {
        return read(query, null, Direction.OLDER);
    }

    /** The page that runs from just beyond cursor (exclusive) in direction. */
    public Page from(ItemQuery query, PageCursor cursor, Direction direction) {
        return read(query, Objects.requireNonNull(cursor, "cursor"), Objects.requireNonNull(direction, "direction"));
    }

    private Page read(ItemQuery query, PageCursor cursor, Direction direction) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT i.* FROM item i ").append(store.published.publishedWhere(query, params));
        boolean older = direction == Direction.OLDER;
        if (cursor != null) {
            // Spelled out rather than a row-value comparison, which not every database plans with the index; the
            // leading range on sort_date is what lets it seek.
            String cmp = older ? "<" : ">";
            sql.append(" AND i.sort_date ").append(cmp).append("= ?")
                    .append(" AND (i.sort_date ").append(cmp).append(" ?")
                    .append(" OR (i.sort_date = ? AND (i.first_seen_at ").append(cmp).append(" ?")
                    .append(" OR (i.first_seen_at = ? AND i.public_id ").append(cmp).append(" ?))))");
            Object date = cursor.date().atOffset(ZoneOffset.UTC);
            Object seen = cursor.firstSeen().atOffset(ZoneOffset.UTC);
            Collections.addAll(params, date, date, date, seen, seen, cursor.publicId());
        }
        String order = older ? "DESC" : "ASC";
        sql.append(" ORDER BY i.sort_date ").append(order).append(", i.first_seen_at ").append(order)
                .append(", i.public_id ").append(order)
                // One more than a page tells whether another page exists without counting.
                .append(" LIMIT ").append(query.limit() + 1);
        return store.published.jdbc.read(c -> {
            List<StoredItem> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) items.add(ItemRows.readItemRow(rs));
                }
            }
            boolean more = items.size() > query.limit();
            if (more) items.remove(items.size() - 1);
            if (!older) Collections.reverse(items);
            return new Page(store.published.completed(c, items), more);
        });
    }
}
