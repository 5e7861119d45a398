package org.tributary.store;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a source's newest {@code keep} items and none older than {@code maxAge}. Hidden items are kept (deleting one
 * would let the next fetch bring it back), and so is an item other sources' duplicates point at.
 */
final class Retention {

    private Retention() {}

    /** Returns the public ids it deleted, each with the raw fingerprint its row had (may be null). */
    static java.util.Map<String, String> purge(Connection c, String sourceId, int keep, Duration maxAge, Instant now)
            throws SQLException {
        List<String> doomed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT public_id, sort_date FROM item WHERE source_id = ? AND hidden = FALSE
                ORDER BY sort_date DESC, first_seen_at DESC, public_id DESC
                """)) {
            ps.setString(1, sourceId);
            Instant oldest = maxAge == null ? null : now.minus(maxAge);
            try (ResultSet rs = ps.executeQuery()) {
                int rank = 0;
                while (rs.next()) {
                    rank++;
                    Instant date = Jdbc.getInstant(rs, "sort_date");
                    if (rank > keep || (oldest != null && date.isBefore(oldest))) doomed.add(rs.getString(1));
                }
            }
        }
        java.util.Map<String, String> deleted = new java.util.LinkedHashMap<>();
        try (PreparedStatement raw = c.prepareStatement("SELECT raw_hash FROM item WHERE public_id = ?");
             PreparedStatement ps = c.prepareStatement("""
                DELETE FROM item WHERE public_id = ?
                  AND NOT EXISTS (SELECT 1 FROM item d WHERE d.duplicate_of = ?)
                """)) {
            for (String id : doomed) {
                raw.setString(1, id);
                String rawHash = null;
                try (ResultSet rs = raw.executeQuery()) {
                    if (rs.next()) rawHash = rs.getString(1);
                }
                ps.setString(1, id);
                ps.setString(2, id);
                if (ps.executeUpdate() > 0) deleted.put(id, rawHash);
            }
        }
        return deleted;
    }
}
