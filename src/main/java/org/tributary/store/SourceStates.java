package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statement on source_state but the rule counts ({@link RuledOut}): one row per source, read whole into a
 * {@link SourceState} (its health included) and written whole by the outcome of a fetch. A refresh reads the row
 * once, before it fetches, and writes it once, in the transaction of its outcome; what a write keeps from the row
 * (validators a 304 does not repeat, the failure count) it keeps in SQL, so it never reads the row again.
 */
final class SourceStates {

    private static final String LIST_SEPARATOR = "\n";
    private static final String SELECT = "SELECT * FROM source_state";
    private static final String[] HEALTH = {"health", "not_before", "redirect_target", "redirect_streak",
            "moved_from", "moved_to", "poll_hints"};

    private SourceStates() {}

    static SourceState read(Connection c, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE source_id = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : SourceState.unknown(sourceId);
            }
        }
    }

    static Map<String, SourceState> readAll(Connection c) throws SQLException {
        Map<String, SourceState> states = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY source_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                SourceState s = read(rs);
                states.put(s.sourceId(), s);
            }
        }
        return states;
    }

    /** A 200 whose items were stored: new validators, the document's fingerprint and notes, no failure. */
    static void saveFetched(Connection c, String sourceId, FetchedDocument document, String unmappedCategories,
                            List<String> notes, SourceHealth health, Instant now) throws SQLException {
        Row row = new Row()
                .set("url", document.url()).set("etag", document.etag()).set("last_modified", document.lastModified())
                .set("last_attempt_at", now).set("last_success_at", now).set("last_status", 200)
                .set("last_error", null).set("consecutive_failures", 0)
                .set("unmapped_categories", truncate(unmappedCategories, 20000))
                .set("document_hash", document.fingerprint())
                .set("notes", notes.isEmpty() ? null : truncate(String.join(LIST_SEPARATOR, notes), 4000))
                .set("post_dates", postDates(document.postDates()))
                .health(health);
        row.upsert(c, sourceId);
    }

    /** A 304 (or the same document again): the validators it did not repeat stay, failures are forgotten. */
    static void saveNotModified(Connection c, String sourceId, String url, String etag, String lastModified,
                                SourceHealth health, Instant now) throws SQLException {
        Row row = new Row().set("url", url)
                .keepUnlessGiven("etag", etag).keepUnlessGiven("last_modified", lastModified)
                .set("last_attempt_at", now).set("last_success_at", now).set("last_status", 304)
                .set("last_error", null).set("consecutive_failures", 0)
                .health(health);
        row.upsert(c, sourceId);
    }

    /** A failed attempt: validators, items and the last success stay as they were; the failure count grows. */
    static void saveFailure(Connection c, String sourceId, String url, int status, String reason,
                            SourceHealth health, Instant now) throws SQLException {
        Row row = new Row().set("url", url).set("last_attempt_at", now).set("last_status", status)
                .set("last_error", reason == null ? null : truncate(reason, 2000))
                .increment("consecutive_failures")
                .health(health);
        row.upsert(c, sourceId);
    }

    static void saveNextFetch(Connection c, String sourceId, Instant next) throws SQLException {
        new Row().set("next_fetch_at", next).upsert(c, sourceId);
    }

    /** See {@link Store#resetHealth}. */
    static boolean reset(Connection c, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE source_state SET health = NULL, not_before = NULL, redirect_target = NULL,
                                        redirect_streak = 0, moved_from = NULL, moved_to = NULL,
                                        consecutive_failures = 0, document_hash = NULL
                WHERE source_id = ?
                """)) {
            ps.setString(1, sourceId);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * The columns one outcome writes, as one UPDATE, else one INSERT for a source without a row: portable across H2
     * and PostgreSQL, and safe because one source refreshes at a time. A column kept or incremented on update takes
     * its given value (or 1) on insert.
     */
    private static final class Row {
        private final List<String> columns = new ArrayList<>();
        private final List<String> updates = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        Row set(String column, Object value) {
            return add(column, column + " = ?", value);
        }

        Row keepUnlessGiven(String column, String value) {
            return add(column, column + " = COALESCE(?, " + column + ")", value);
        }

        Row increment(String column) {
            return add(column, column + " = " + column + " + ?", 1);
        }

        /** The health columns, unless health is null (the health stays as it was). */
        Row health(SourceHealth h) {
            if (h == null) return this;
            Object[] v = {h.state() == null ? null : h.state().label(), h.notBefore(), text(h.redirectTarget()),
                    h.redirectStreak(), text(h.movedFrom()), text(h.movedTo()), PollHintsText.write(h.pollHints())};
            for (int i = 0; i < HEALTH.length; i++) set(HEALTH[i], v[i]);
            return this;
        }

        private Row add(String column, String update, Object value) {
            columns.add(column);
            updates.add(update);
            values.add(value);
            return this;
        }

        void upsert(Connection c, String sourceId) throws SQLException {
            String update = "UPDATE source_state SET " + String.join(", ", updates) + " WHERE source_id = ?";
            if (execute(c, update, sourceId) > 0) return;
            execute(c, "INSERT INTO source_state (" + String.join(", ", columns) + ", source_id) VALUES ("
                    + "?, ".repeat(columns.size()) + "?)", sourceId);
        }

        private int execute(Connection c, String sql, String sourceId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object v : values) {
                    if (v instanceof Instant t) setInstant(ps, i++, t);
                    else ps.setObject(i++, v);
                }
                ps.setString(i, sourceId);
                return ps.executeUpdate();
            }
        }
    }

    private static SourceState read(ResultSet rs) throws SQLException {
        SourceHealth health = new SourceHealth(SourceHealth.State.ofLabel(rs.getString("health")),
                getInstant(rs, "not_before"), uri(rs.getString("redirect_target")), rs.getInt("redirect_streak"),
                uri(rs.getString("moved_from")), uri(rs.getString("moved_to")),
                PollHintsText.read(rs.getString("poll_hints")));
        return new SourceState(
                rs.getString("source_id"),
                rs.getString("url"),
                rs.getString("etag"),
                rs.getString("last_modified"),
                getInstant(rs, "last_attempt_at"),
                getInstant(rs, "last_success_at"),
                rs.getInt("last_status"),
                rs.getString("last_error"),
                rs.getInt("consecutive_failures"),
                getInstant(rs, "next_fetch_at"),
                splitList(rs.getString("unmapped_categories")),
                rs.getString("document_hash"),
                splitList(rs.getString("notes")),
                health,
                postDates(rs.getString("post_dates")));
    }

    /** Post dates as one short column: epoch seconds, newest first, comma-separated; null when none. */
    static String postDates(List<Instant> dates) {
        if (dates.isEmpty()) return null;
        return String.join(",", dates.stream().map(d -> String.valueOf(d.getEpochSecond())).toList());
    }

    /** The column read back; an unreadable part is dropped (a hint for polling, not a contract). */
    static List<Instant> postDates(String text) {
        if (text == null || text.isBlank()) return List.of();
        List<Instant> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Instant.ofEpochSecond(Long.parseLong(part.strip())));
            } catch (NumberFormatException | java.time.DateTimeException unreadable) {
                // skipped
            }
        }
        return List.copyOf(out);
    }

    private static List<String> splitList(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
    }

    /** A URL longer than the column is not one we can follow faithfully: forget it rather than cut it. */
    private static String text(URI uri) {
        return uri == null || uri.toString().length() > 8192 ? null : uri.toString();
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
