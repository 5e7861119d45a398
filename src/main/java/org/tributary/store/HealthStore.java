package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The health columns of source_state (migration V3): read before a fetch, written after it, cleared by reset. */
public final class HealthStore {

    private static final String SELECT = """
            SELECT source_id, health, not_before, redirect_target, redirect_streak, moved_from, moved_to, poll_hints
            FROM source_state
            """;

    private final Jdbc jdbc;

    HealthStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public SourceHealth health(String sourceId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE source_id = ?")) {
                ps.setString(1, sourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? read(rs) : SourceHealth.NEW;
                }
            }
        });
    }

    /** Every source with a row, by id. */
    public Map<String, SourceHealth> healths() {
        return jdbc.read(c -> {
            Map<String, SourceHealth> all = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) all.put(rs.getString("source_id"), read(rs));
            }
            return all;
        });
    }

    /** Within a transaction of the store's: a fetch's outcome and the health it leaves are written together. */
    static void save(Connection c, String sourceId, SourceHealth h) throws SQLException {
        String update = """
                UPDATE source_state SET health = ?, not_before = ?, redirect_target = ?, redirect_streak = ?,
                                        moved_from = ?, moved_to = ?, poll_hints = ?
                WHERE source_id = ?
                """;
        String insert = """
                INSERT INTO source_state (health, not_before, redirect_target, redirect_streak, moved_from,
                                          moved_to, poll_hints, source_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """;
        for (String sql : new String[] {update, insert}) {
            if (write(c, sql, sourceId, h) > 0) break;
        }
    }

    /**
     * An operator's "try again": forgets gone, backoff, rate limits, failures, a learnt move (a feed that still
     * redirects permanently is learnt again) and the last document's fingerprint (the next 200 is read in full even
     * if it is the same). False when the source has no row.
     */
    public boolean reset(String sourceId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE source_state SET health = NULL, not_before = NULL, redirect_target = NULL,
                                            redirect_streak = 0, moved_from = NULL, moved_to = NULL,
                                            consecutive_failures = 0, document_hash = NULL
                    WHERE source_id = ?
                    """)) {
                ps.setString(1, sourceId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static int write(Connection c, String sql, String sourceId, SourceHealth h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, h.state() == null ? null : h.state().label());
            setInstant(ps, 2, h.notBefore());
            ps.setString(3, text(h.redirectTarget()));
            ps.setInt(4, h.redirectStreak());
            ps.setString(5, text(h.movedFrom()));
            ps.setString(6, text(h.movedTo()));
            ps.setString(7, PollHintsText.write(h.pollHints()));
            ps.setString(8, sourceId);
            return ps.executeUpdate();
        }
    }

    private static SourceHealth read(ResultSet rs) throws SQLException {
        return new SourceHealth(SourceHealth.State.ofLabel(rs.getString("health")), getInstant(rs, "not_before"),
                uri(rs.getString("redirect_target")), rs.getInt("redirect_streak"), uri(rs.getString("moved_from")),
                uri(rs.getString("moved_to")), PollHintsText.read(rs.getString("poll_hints")));
    }

    private static String text(URI uri) {
        return uri == null ? null : truncateOrNull(uri.toString());
    }

    /** A URL longer than the column is not one we can follow faithfully: forget it rather than cut it. */
    private static String truncateOrNull(String s) {
        return s.length() <= 8192 ? s : null;
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
