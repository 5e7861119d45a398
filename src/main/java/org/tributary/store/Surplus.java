package org.tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.normalize.Item;

/**
 * Entries a source still lists that retention does not keep (beyond keep_items, older than max_age). They are not
 * inserted (to be deleted again in the same fetch) but remembered, with the raw fingerprint they were read from, in
 * item_surplus: the next fetch neither normalizes nor inserts them, so an undated one does not come back as "new"
 * at the top of the feed on every fetch. Forgotten once the feed no longer lists them.
 */
final class Surplus {

    private Surplus() {}

    /** The public ids remembered for the source. */
    static Set<String> of(Connection c, String sourceId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT public_id FROM item_surplus WHERE source_id = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Adds the source's remembered fingerprints to {@code known} (fingerprint → public id). */
    static void addKnown(Connection c, String sourceId, Map<String, String> known) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT raw_hash, public_id FROM item_surplus WHERE source_id = ? AND raw_hash IS NOT NULL")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) known.putIfAbsent(rs.getString(1), rs.getString(2));
            }
        }
    }

    /**
     * Of the new items (in document order), those retention would delete right after inserting them: ranked with the
     * source's visible stored items in retention's order (date, then first seen, newest first), beyond {@code keep},
     * or dated before {@code now - maxAge}. Ties (undated entries are all dated when first seen) go by public id, as
     * in retention, so the surplus of a feed is the same on every fetch.
     */
    static List<Item> beyondRetention(Connection c, String sourceId, List<Item> added, int keep, Duration maxAge,
                                      Instant now) throws SQLException {
        if (added.isEmpty()) return List.of();
        Instant oldest = maxAge == null ? null : now.minus(maxAge);
        List<Rank> ranks = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            ranks.add(new Rank(ItemWrites.displayDate(added.get(i).published(), now), now, i, added.get(i).publicId()));
        }
        if (keep < Integer.MAX_VALUE) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT sort_date, first_seen_at, public_id FROM item WHERE source_id = ? AND hidden = FALSE
                    ORDER BY sort_date DESC, first_seen_at DESC, public_id DESC
                    """)) {
                ps.setString(1, sourceId);
                ps.setMaxRows(keep);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ranks.add(new Rank(Jdbc.getInstant(rs, "sort_date"), Jdbc.getInstant(rs, "first_seen_at"), -1,
                                rs.getString(3)));
                    }
                }
            }
        }
        ranks.sort(Comparator.comparing(Rank::date).thenComparing(Rank::firstSeen).thenComparing(Rank::publicId)
                .reversed());
        List<Item> surplus = new ArrayList<>();
        for (int r = 0; r < ranks.size(); r++) {
            Rank rank = ranks.get(r);
            if (rank.index() < 0) continue;
            if (r >= keep || (oldest != null && rank.date().isBefore(oldest))) surplus.add(added.get(rank.index()));
        }
        return surplus;
    }

    /** index: the new item's position in {@code added}, -1 for a stored row. */
    private record Rank(Instant date, Instant firstSeen, int index, String publicId) {}

    /** Remembers these public ids (with their raw fingerprints, null when unknown) as the source's surplus. */
    static void remember(Connection c, String sourceId, Map<String, String> rawHashById, Set<String> already)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO item_surplus (source_id, public_id, raw_hash) VALUES (?, ?, ?)")) {
            int n = 0;
            for (Map.Entry<String, String> e : rawHashById.entrySet()) {
                if (already.contains(e.getKey())) continue;
                ps.setString(1, sourceId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.addBatch();
                n++;
            }
            if (n > 0) ps.executeBatch();
        }
    }

    /** Forgets what the source remembered and this fetch no longer lists. */
    static void forgetUnlisted(Connection c, String sourceId, Set<String> remembered, Set<String> listed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM item_surplus WHERE source_id = ? AND public_id = ?")) {
            int n = 0;
            for (String id : remembered) {
                if (listed.contains(id)) continue;
                ps.setString(1, sourceId);
                ps.setString(2, id);
                ps.addBatch();
                n++;
            }
            if (n > 0) ps.executeBatch();
        }
    }
}
