package org.tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries a source's rules keep out of every output are never stored; one stored by an earlier fetch, before a rule
 * changed, is deleted when the feed next lists it. A hidden item stays (its hiding is for good, and deleting it
 * would let a later change of rules bring it back). The count of the last fetch is kept for /status.
 */
final class RuledOut {

    private RuledOut() {}

    /** Deletes the visible stored items among {@code publicIds} and records the count; returns how many it deleted. */
    static int remove(Connection c, String sourceId, Collection<String> publicIds) throws SQLException {
        int deleted = 0;
        if (!publicIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM item WHERE public_id = ? AND source_id = ? AND hidden = FALSE")) {
                for (String id : publicIds) {
                    ps.setString(1, id);
                    ps.setString(2, sourceId);
                    deleted += ps.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE source_state SET dropped_items = ? WHERE source_id = ?")) {
            ps.setInt(1, publicIds.size());
            ps.setString(2, sourceId);
            ps.executeUpdate();
        }
        return deleted;
    }

    /** Sources whose last stored document had entries the rules kept out, with how many. */
    static Map<String, Integer> counts(Connection c) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source_id, dropped_items FROM source_state WHERE dropped_items > 0 ORDER BY source_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
        }
        return counts;
    }
}
