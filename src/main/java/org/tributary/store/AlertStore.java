package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The alert state of each source (table alert_state). Whoever wins a conditional UPDATE sends the alert: with
 * several nodes on one database, or a restart in between, exactly one "problem" and one "recovered" alert go out
 * per problem. All times come from the caller's clock.
 */
public final class AlertStore {

    /**
     * @param problem        the current problem ("failing", "moved", "gone"), null when none
     * @param problemSince   when it began, null when none
     * @param alertedAt      when its alert was claimed, null when none was sent
     * @param alertedProblem the problem that alert was about
     */
    public record Row(String sourceId, String problem, Instant problemSince, Instant alertedAt, String alertedProblem) {
        static Row none(String sourceId) {
            return new Row(sourceId, null, null, null, null);
        }
    }

    private final Jdbc jdbc;

    public AlertStore(Database database) {
        this.jdbc = new Jdbc(database);
    }

    public Row row(String sourceId) {
        return jdbc.read(c -> read(c, sourceId).orElse(Row.none(sourceId)));
    }

    /** Records that the source has this problem now; the start of the problem is kept if it already had one. */
    public Row problem(String sourceId, String problem, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE alert_state SET problem = ?, problem_since = COALESCE(problem_since, ?)
                    WHERE source_id = ?""")) {
                ps.setString(1, problem);
                setInstant(ps, 2, now);
                ps.setString(3, sourceId);
                if (ps.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement(
                            "INSERT INTO alert_state (source_id, problem, problem_since) VALUES (?, ?, ?)")) {
                        in.setString(1, sourceId);
                        in.setString(2, problem);
                        setInstant(in, 3, now);
                        in.executeUpdate();
                    }
                }
            }
            return read(c, sourceId).orElseThrow();
        });
    }

    /** Claims the one alert of the current problem. True for exactly one caller per problem. */
    public boolean claimAlert(String sourceId, String problem, Instant now) {
        return update("""
                UPDATE alert_state SET alerted_at = ?, alerted_problem = ?
                WHERE source_id = ? AND alerted_at IS NULL AND problem IS NOT NULL""", ps -> {
            setInstant(ps, 1, now);
            ps.setString(2, problem);
            ps.setString(3, sourceId);
        });
    }

    /** Gives a claim back after the alert could not be sent, so a later refresh tries again. */
    public void releaseAlert(String sourceId, Instant claimedAt) {
        update("UPDATE alert_state SET alerted_at = NULL, alerted_problem = NULL WHERE source_id = ? AND alerted_at = ?",
                ps -> {
                    ps.setString(1, sourceId);
                    setInstant(ps, 2, claimedAt);
                });
    }

    /**
     * The source is fine: forgets its problem. True when an alert had gone out for it and this caller won the
     * claim to send the recovery (the row as it was is given to the caller by {@link #row} beforehand).
     */
    public boolean recovered(String sourceId, Instant alertedAt) {
        if (alertedAt == null) {
            update("UPDATE alert_state SET problem = NULL, problem_since = NULL WHERE source_id = ? AND problem IS NOT NULL",
                    ps -> ps.setString(1, sourceId));
            return false;
        }
        return update("""
                UPDATE alert_state SET problem = NULL, problem_since = NULL, alerted_at = NULL, alerted_problem = NULL
                WHERE source_id = ? AND alerted_at = ?""", ps -> {
            ps.setString(1, sourceId);
            setInstant(ps, 2, alertedAt);
        });
    }

    /** Puts back an alert mark whose recovery message could not be sent, so the next good refresh tries again. */
    public void unrecover(Row before) {
        update("""
                UPDATE alert_state SET alerted_at = ?, alerted_problem = ?
                WHERE source_id = ? AND alerted_at IS NULL""", ps -> {
            setInstant(ps, 1, before.alertedAt());
            ps.setString(2, before.alertedProblem());
            ps.setString(3, before.sourceId());
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean update(String sql, Binder binder) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Optional<Row> read(Connection c, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_state WHERE source_id = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Row(sourceId, rs.getString("problem"), getInstant(rs, "problem_since"),
                        getInstant(rs, "alerted_at"), rs.getString("alerted_problem")));
            }
        }
    }
}
