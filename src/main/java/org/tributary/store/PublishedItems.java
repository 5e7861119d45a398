package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;

/**
 * The selection every published document reads (visible, unmoderated, not a merged duplicate, no past event of a
 * source that hides them), the rows completed with their topics and other copies, and the version that moves
 * whenever anything published changes. {@link ItemPages} and {@link Events} build their queries on it.
 */
final class PublishedItems {

    final Jdbc jdbc;
    private final boolean mergeDuplicates;

    PublishedItems(Jdbc jdbc, boolean mergeDuplicates) {
        this.jdbc = jdbc;
        this.mergeDuplicates = mergeDuplicates;
    }

    /**
     * The WHERE clause every published selection shares (the newest items here, any page in {@link ItemPages}):
     * visible, matching the query, not a past event of a source that hides them, and not a merged duplicate whose
     * original is in the same selection. A copy stands in for the story where its original does not appear: in
     * {@code source=} its own source, a topic only it is in, or when the original is hidden.
     */
    String publishedWhere(ItemQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder("WHERE i.hidden = FALSE").append(unmoderated("i"));
        matching(sql, "i", query, params);
        if (mergeDuplicates) {
            sql.append(" AND (i.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM item o")
                    .append(" WHERE o.public_id = i.duplicate_of AND o.hidden = FALSE").append(unmoderated("o"));
            matching(sql, "o", query, params);
            sql.append("))");
        }
        return sql.toString();
    }

    /** Held or rejected items (see {@link Moderation}) appear nowhere. */
    private static String unmoderated(String alias) {
        return " AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.public_id = " + alias + ".public_id)";
    }

    /** The query's conditions on the item row called {@code alias}, appended as " AND ..." with their parameters. */
    private static void matching(StringBuilder sql, String alias, ItemQuery query, List<Object> params) {
        inClause(sql, alias + ".item_type", query.types(), params);
        inClause(sql, alias + ".source_id", query.sourceIds(), params);
        if (!query.topics().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM item_topic t WHERE t.public_id = ").append(alias).append(".public_id");
            inClause(sql, "t.topic", query.topics(), params);
            sql.append(')');
        }
        ItemQuery.PastEvents past = query.pastEvents();
        if (past.hidesAny()) {
            sql.append(" AND (").append(alias).append(".event_start_at IS NULL OR ").append(alias)
                    .append(".event_start_at >= ?");
            params.add(past.now().atOffset(ZoneOffset.UTC));
            sql.append(" OR ").append(alias).append(".source_id NOT IN (")
                    .append(Jdbc.marks(past.sourceIds().size())).append("))");
            params.addAll(new TreeSet<>(past.sourceIds()));
        }
    }

    /** Rows as read, completed with their topics and the other sources that published the same story. */
    List<StoredItem> completed(Connection c, List<StoredItem> rows) throws SQLException {
        return withAlsoFrom(c, withTopics(c, rows));
    }

    private static void inClause(StringBuilder sql, String column, Collection<String> values, List<Object> params) {
        if (values.isEmpty()) return;
        sql.append(" AND ").append(column).append(" IN (").append(Jdbc.marks(values.size()))
                .append(')');
        params.addAll(new TreeSet<>(values));
    }

    private static List<StoredItem> withTopics(Connection c, List<StoredItem> items) throws SQLException {
        if (items.isEmpty()) return items;
        Map<String, List<String>> topics = new HashMap<>();
        String marks = Jdbc.marks(items.size());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT public_id, topic FROM item_topic WHERE public_id IN (" + marks + ") ORDER BY topic")) {
            for (int i = 0; i < items.size(); i++) ps.setString(i + 1, items.get(i).item().publicId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) topics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return items.stream().map(s -> new StoredItem(s.item().withTopics(topics.getOrDefault(s.item().publicId(),
                List.of())), s.date(), s.firstSeen(), s.changedAt(), s.otherCopies(), s.revision())).toList();
    }

    private List<StoredItem> withAlsoFrom(Connection c, List<StoredItem> items) throws SQLException {
        if (!mergeDuplicates || items.isEmpty()) return items;
        Map<String, List<StoredItem.OtherCopy>> also =
                Duplicates.alsoFrom(c, items.stream().map(s -> s.item().publicId()).toList());
        if (also.isEmpty()) return items;
        return items.stream().map(s -> new StoredItem(s.item(), s.date(), s.firstSeen(), s.changedAt(),
                also.getOrDefault(s.item().publicId(), List.of()), s.revision())).toList();
    }

    /** How many items each source has stored, for /status; sources with none are absent. One query for all. */
    Map<String, Long> itemCounts() {
        return jdbc.read(c -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source_id, COUNT(*) FROM item GROUP BY source_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        });
    }

    /** Moves whenever anything published changes; rendered documents are cached against it. */
    Store.PublishVersion version() {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, changed_at FROM publish_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Store.PublishVersion(rs.getLong(1), getInstant(rs, "changed_at"));
            }
        });
    }

    static void bumpVersion(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE publish_state SET version = version + 1, changed_at = ? WHERE id = 1")) {
            setInstant(ps, 1, now);
            ps.executeUpdate();
        }
    }
}
