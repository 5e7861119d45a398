package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every editorial action (table audit_log): when, what, on which item or source, why, and what came of it. Rows are
 * only ever appended; a page is read newest first, by id, so that entries written in the same instant (or by two
 * nodes whose clocks differ a little) still come in the order they were written.
 */
public final class AuditLog {

    /** The longest reason or outcome kept; longer text is cut, never refused (the action has already happened). */
    static final int MAX_TEXT = 2000;

    /**
     * @param action  hide, unhide, approve, reject, refresh, reset
     * @param target  "item:ID" or "source:ID"
     * @param reason  what the editor said, "" when nothing
     * @param outcome what the action did (e.g. a refresh's result)
     */
    public record Entry(long id, Instant at, String action, String target, String reason, String outcome) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            reason = cut(reason);
            outcome = cut(outcome);
        }
    }

    /** One page, newest first; {@code before} is the id to pass for the next (older) page, null on the last. */
    public record Page(List<Entry> entries, Long before) {}

    private final Jdbc jdbc;

    public AuditLog(Database database) {
        this.jdbc = new Jdbc(database);
    }

    public void record(Instant at, String action, String target, String reason, String outcome) {
        Entry e = new Entry(0, at, action, target, reason, outcome);
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_log (at, action, target, reason, outcome) VALUES (?, ?, ?, ?, ?)")) {
                setInstant(ps, 1, e.at());
                ps.setString(2, e.action());
                ps.setString(3, e.target());
                ps.setString(4, e.reason());
                ps.setString(5, e.outcome());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Up to {@code limit} entries older than the entry {@code before} (null: the newest), newest first. */
    public Page page(Long before, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
        return jdbc.read(c -> {
            String sql = "SELECT id, at, action, target, reason, outcome FROM audit_log"
                    + (before == null ? "" : " WHERE id < ?") + " ORDER BY id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (before != null) ps.setLong(i++, before);
                ps.setInt(i, limit + 1);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getLong("id"), getInstant(rs, "at"), rs.getString("action"),
                                rs.getString("target"), rs.getString("reason"), rs.getString("outcome")));
                    }
                }
                if (entries.size() <= limit) return new Page(entries, null);
                List<Entry> page = List.copyOf(entries.subList(0, limit));
                return new Page(page, page.get(limit - 1).id());
            }
        });
    }

    private static String cut(String text) {
        if (text == null) return "";
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
