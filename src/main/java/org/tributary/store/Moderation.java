package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Items that wait for an editor (table moderation): a new item of a source on {@code moderation: hold} gets a
 * 'held' row in the same transaction that stores it, so it is never published before an editor approves it.
 * Approving deletes the row and bumps the published version; rejecting keeps the row as 'rejected' for good, so
 * the same entry fetched again (or stored again after a purge) stays out.
 */
public final class Moderation {

    /** One held item, as GET /admin/pending lists it. */
    public record Held(String id, String source, String title, String link, Instant published, Instant heldAt) {}

    private final Jdbc jdbc;

    public Moderation(Database database) {
        this.jdbc = new Jdbc(database);
    }

    /** Holds these newly stored items of the source; ids that already have a row (say, rejected) keep it. */
    static void hold(Connection c, String sourceId, Collection<String> publicIds, Instant now) throws SQLException {
        if (publicIds.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO moderation (public_id, source_id, state, held_at)
                SELECT ?, ?, 'held', ? WHERE NOT EXISTS (SELECT 1 FROM moderation WHERE public_id = ?)
                """)) {
            for (String id : publicIds) {
                ps.setString(1, id);
                ps.setString(2, sourceId);
                setInstant(ps, 3, now);
                ps.setString(4, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Held items, oldest first (the order they came in). */
    public List<Held> pending(int limit) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.public_id, m.source_id, i.title, i.link, i.published_at, m.held_at
                    FROM moderation m JOIN item i ON i.public_id = m.public_id
                    WHERE m.state = 'held' ORDER BY m.held_at, m.public_id LIMIT ?
                    """)) {
                ps.setInt(1, limit);
                List<Held> held = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                getInstant(rs, "published_at"), getInstant(rs, "held_at")));
                    }
                }
                return held;
            }
        });
    }

    /** Held items per source, for /status; sources with none are absent. */
    public Map<String, Integer> heldBySource() {
        return jdbc.read(Moderation::counts);
    }

    static Map<String, Integer> counts(Connection c) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.source_id, COUNT(*) FROM moderation m JOIN item i ON i.public_id = m.public_id
                WHERE m.state = 'held' GROUP BY m.source_id
                """);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
        }
        return counts;
    }

    /** Publishes a held item (with its own date: nothing but the row goes). False when it is not held. */
    public boolean approve(String publicId, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM moderation WHERE public_id = ? AND state = 'held'")) {
                ps.setString(1, publicId);
                if (ps.executeUpdate() == 0) return false;
            }
            PublishedItems.bumpVersion(c, now);
            return true;
        });
    }

    /** Turns a held item down for good. False when it is not held. */
    public boolean reject(String publicId, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE moderation SET state = 'rejected', decided_at = ? WHERE public_id = ? AND state = 'held'")) {
                setInstant(ps, 1, now);
                ps.setString(2, publicId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
