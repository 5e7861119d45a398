package org.tributary.store;

import static org.tributary.store.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tributary.normalize.Item;

/**
 * One story, many partners: a new item whose canonical link, or whose normalised title within {@link #WINDOW} of its
 * date, matches an item another source published first is marked as that item's duplicate. The first source keeps
 * the credit; the others are listed under it ("also from ..."). Only new items are matched, so what was published
 * never disappears on a later fetch.
 */
final class Duplicates {

    static final Duration WINDOW = Duration.ofDays(3);
    /** Titles shorter than this ("News", "Update") are too common to say two items are one story. */
    private static final int MIN_TITLE_KEY = 12;

    private Duplicates() {}

    /** "Library Opens New Branch!" and "library opens new branch" are the same story title. */
    static String titleKey(String title) {
        String folded = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        if (folded.length() < MIN_TITLE_KEY) return null;
        return folded.length() > 400 ? folded.substring(0, 400) : folded;
    }

    /** The public id of the first item of another source that tells the same story, or null. */
    static String originalOf(Connection c, Item item, Instant date) throws SQLException {
        if (item.link() != null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT public_id FROM item WHERE link = ? AND source_id <> ? AND duplicate_of IS NULL
                    ORDER BY first_seen_at, public_id FETCH FIRST 1 ROWS ONLY
                    """)) {
                ps.setString(1, item.link().toString());
                ps.setString(2, item.sourceId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return rs.getString(1);
                }
            }
        }
        String key = titleKey(item.title());
        if (key == null) return null;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT public_id FROM item WHERE title_key = ? AND source_id <> ? AND duplicate_of IS NULL
                  AND sort_date BETWEEN ? AND ?
                ORDER BY first_seen_at, public_id FETCH FIRST 1 ROWS ONLY
                """)) {
            ps.setString(1, key);
            ps.setString(2, item.sourceId());
            setInstant(ps, 3, date.minus(WINDOW));
            setInstant(ps, 4, date.plus(WINDOW));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * For each published item, the other sources that carried the same story, in the order they did, each with the
     * link of its own copy (its first copy, if a source carried the story twice).
     */
    static Map<String, List<StoredItem.OtherCopy>> alsoFrom(Connection c, List<String> publicIds) throws SQLException {
        Map<String, List<StoredItem.OtherCopy>> also = new HashMap<>();
        if (publicIds.isEmpty()) return also;
        String marks = String.join(", ", publicIds.stream().map(i -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT duplicate_of, source_id, link FROM item"
                + " WHERE duplicate_of IN (" + marks + ") AND hidden = FALSE ORDER BY first_seen_at, source_id, public_id")) {
            for (int i = 0; i < publicIds.size(); i++) ps.setString(i + 1, publicIds.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<StoredItem.OtherCopy> list = also.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    String source = rs.getString(2);
                    if (list.stream().noneMatch(o -> o.sourceId().equals(source))) {
                        String link = rs.getString(3);
                        list.add(new StoredItem.OtherCopy(source, link == null ? null : URI.create(link)));
                    }
                }
            }
        }
        return also;
    }
}
