package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tributary.normalize.Item;

/**
 * One story, many partners, decided on evidence: two items of different sources are one story when both carry the
 * same canonical link, or the same normalised title within {@link #WINDOW} of each other's date <em>and</em> nearly
 * the same plain text ({@link Shingles#SAME_TEXT}). A title alone is no evidence: two libraries' "Board meeting" or
 * "Closed for the holiday" are two items. A link is canonical for an item only when no other item of its source
 * carries it too (a channel link or a home page repeated on every item says nothing about the story).
 *
 * <p>A story is every item joined to another by that evidence, and it is published once, under its <em>original</em>:
 * the copy published earliest (its source's own date; undated copies last), then the smallest public id. Every other
 * copy points at it ({@code duplicate_of}) and is listed under it ("also from ..."). Neither rule looks at when or in
 * which order the copies were fetched, so every fetch order gives the same stories and the same originals; a copy
 * that comes later but was published earlier becomes the original, and the one published before stays in the feed as
 * one of its "also from" lines. Only new items are matched: a story, once merged, stays merged on later fetches.
 */
final class Duplicates {

    static final Duration WINDOW = Duration.ofDays(3);
    /** Titles shorter than this ("News", "Update") are too common to say two items are one story. */
    private static final int MIN_TITLE_KEY = 12;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS_OR_DIGITS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Duplicates() {}

    /** "Library Opens New Branch!" and "library opens new branch" are the same story title. */
    static String titleKey(String title) {
        // Patterns compiled once: String.replaceAll compiles its regex on every call, twice per stored item.
        String decomposed = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD);
        String folded = NOT_LETTERS_OR_DIGITS.matcher(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT))
                .replaceAll(" ").strip();
        if (folded.length() < MIN_TITLE_KEY) return null;
        return folded.length() > 400 ? folded.substring(0, 400) : folded;
    }

    /** The item's text print as stored in item.text_print (see {@link Shingles}). */
    static byte[] textPrint(Item item) {
        return Shingles.bytes(Shingles.of(item.excerpt()));
    }

    /** The most values bound in one IN list. */
    private static final int CHUNK = 200;
    /** How long a transaction waits for another's matching to commit before its refresh fails. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    /**
     * Waits until no other transaction is matching new items (on this node or another on the same database) and
     * holds that until this one commits. Two refreshes storing copies of one story at the same moment would each
     * look for the other's copy before it was committed, and both would publish the story: the evidence is a
     * similarity, which no unique key can express, so the search and the insert it decides are serialised instead.
     * Only transactions with new items to match take it, and what they do under it is short (two indexed queries per
     * chunk, the inserts, the commit).
     */
    static void lock(Connection c) throws SQLException {
        if (c.getMetaData().getURL().startsWith("jdbc:h2:")) {
            // H2 gives up on a row lock after 2 s, and a cold run of many sources queues up behind it on a busy
            // machine; PostgreSQL waits as long as it takes (no lock_timeout).
            try (PreparedStatement ps = c.prepareStatement("SET LOCK_TIMEOUT " + LOCK_WAIT.toMillis())) {
                ps.execute();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM same_story_lock WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }

    /**
     * For each item of a batch (dates.get(i) is items.get(i)'s date), the public ids of the stored items of other
     * sources that are the same story by its evidence: the same canonical link, or the same title key within
     * {@link #WINDOW} and nearly the same text. Copies of a story count as much as its original. Two queries per
     * source and chunk of the batch, not two per item. Items of the batch do not match each other: none is stored yet.
     */
    static List<Set<String>> matchesOf(Connection c, List<Item> items, List<Instant> dates) throws SQLException {
        List<Set<String>> matches = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) matches.add(new LinkedHashSet<>());
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            bySource.computeIfAbsent(items.get(i).sourceId(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> group : bySource.entrySet()) {
            List<Integer> indexes = group.getValue();
            for (int from = 0; from < indexes.size(); from += CHUNK) {
                List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + CHUNK));
                byLink(c, group.getKey(), items, chunk, matches);
                byTitle(c, group.getKey(), items, dates, chunk, matches);
            }
        }
        return matches;
    }

    /**
     * The items of other sources with the same link, where the link is canonical on both sides (no other item of the
     * new item's source, in the batch or stored, and no other of the matched item's source, carries it).
     */
    private static void byLink(Connection c, String sourceId, List<Item> items, List<Integer> chunk,
            List<Set<String>> matches) throws SQLException {
        Map<String, Integer> inBatch = new HashMap<>();
        for (Item item : items) {
            if (item.link() != null && item.sourceId().equals(sourceId)) inBatch.merge(item.link().toString(), 1, Integer::sum);
        }
        Set<String> links = new LinkedHashSet<>();
        for (int i : chunk) {
            if (items.get(i).link() != null && inBatch.get(items.get(i).link().toString()) == 1) {
                links.add(items.get(i).link().toString());
            }
        }
        if (links.isEmpty()) return;
        Map<String, List<String[]>> others = new HashMap<>();
        Map<String, Map<String, Integer>> holders = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT link, public_id, source_id FROM item"
                + " WHERE link IN (" + Jdbc.marks(links.size()) + ")")) {
            int p = 1;
            for (String link : links) ps.setString(p++, link);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String link = rs.getString(1);
                    String source = rs.getString(3);
                    holders.computeIfAbsent(link, k -> new HashMap<>()).merge(source, 1, Integer::sum);
                    if (!source.equals(sourceId)) {
                        others.computeIfAbsent(link, k -> new ArrayList<>()).add(new String[] {rs.getString(2), source});
                    }
                }
            }
        }
        for (int i : chunk) {
            if (items.get(i).link() == null) continue;
            String link = items.get(i).link().toString();
            Map<String, Integer> bySource = holders.get(link);
            if (bySource == null || bySource.getOrDefault(sourceId, 0) > 0) continue;
            for (String[] other : others.getOrDefault(link, List.of())) {
                if (bySource.get(other[1]) == 1) matches.get(i).add(other[0]);
            }
        }
    }

    /**
     * The items of other sources with the title key, within the window, whose text is nearly the same as the new
     * item's. Only their prints are read; a row stored before prints were kept is compared by its excerpt. One query
     * per distinct key of the chunk, each bounded by the dates of that key's items: H2 cannot use an index range on
     * {@code title_key IN (...) AND sort_date BETWEEN} and visits every row of {@code item_by_title_key} instead (a
     * cold run of 500 feeds read the whole table once per feed), while {@code title_key = ?} with the range reads only
     * the candidates.
     */
    private static void byTitle(Connection c, String sourceId, List<Item> items, List<Instant> dates,
            List<Integer> chunk, List<Set<String>> matches) throws SQLException {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i : chunk) {
            String key = titleKey(items.get(i).title());
            if (key != null) byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        if (byKey.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("SELECT sort_date, public_id, text_print,"
                + " CASE WHEN text_print IS NULL THEN excerpt END AS excerpt FROM item WHERE title_key = ?"
                + " AND source_id <> ? AND sort_date BETWEEN ? AND ?")) {
            for (Map.Entry<String, List<Integer>> key : byKey.entrySet()) {
                Instant earliest = null;
                Instant latest = null;
                for (int i : key.getValue()) {
                    Instant date = dates.get(i);
                    if (earliest == null || date.isBefore(earliest)) earliest = date;
                    if (latest == null || date.isAfter(latest)) latest = date;
                }
                ps.setString(1, key.getKey());
                ps.setString(2, sourceId);
                setInstant(ps, 3, earliest.minus(WINDOW));
                setInstant(ps, 4, latest.plus(WINDOW));
                List<Candidate> candidates = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] print = rs.getBytes(3);
                        candidates.add(new Candidate(getInstant(rs, "sort_date"), rs.getString(2),
                                print != null ? Shingles.fromBytes(print) : Shingles.of(rs.getString(4))));
                    }
                }
                for (int i : key.getValue()) compare(items.get(i), dates.get(i), candidates, matches.get(i));
            }
        }
    }

    /** Adds to {@code matches} the candidates within the window of the item's date whose text is nearly its own. */
    private static void compare(Item item, Instant date, List<Candidate> candidates, Set<String> matches) {
        Instant from = date.minus(WINDOW);
        Instant to = date.plus(WINDOW);
        long[] text = null;
        for (Candidate candidate : candidates) {
            // both ends of the window included, as SQL's BETWEEN would
            if (candidate.sortDate().isBefore(from) || candidate.sortDate().isAfter(to)) continue;
            if (text == null) text = Shingles.of(item.excerpt());
            if (Shingles.similarity(text, candidate.print()) >= Shingles.SAME_TEXT) matches.add(candidate.publicId());
        }
    }

    /** A stored item with the title key: its date, public id and text print. */
    private record Candidate(Instant sortDate, String publicId, long[] print) {}

    /**
     * Joins each new item (already inserted, as its own original) with the stories of the items it matches: every
     * copy of those stories and the new item then point at one original, the earliest published (undated last), then
     * the smallest public id. Items are joined one after the other, so two new items that match one story end in it
     * together. Nothing is deleted: a story's former original becomes one of its copies.
     */
    static void join(Connection c, List<Item> items, List<Set<String>> matches) throws SQLException {
        for (int i = 0; i < items.size(); i++) {
            if (matches.get(i).isEmpty()) continue;
            Set<String> originals = originalsOf(c, matches.get(i));
            originals.add(items.get(i).publicId());
            String original = earliest(c, originals);
            String marks = Jdbc.marks(originals.size());
            try (PreparedStatement ps = c.prepareStatement("UPDATE item SET duplicate_of = CASE WHEN public_id = ?"
                    + " THEN NULL ELSE ? END WHERE public_id IN (" + marks + ") OR duplicate_of IN (" + marks + ")")) {
                int p = 1;
                ps.setString(p++, original);
                ps.setString(p++, original);
                for (String id : originals) ps.setString(p++, id);
                for (String id : originals) ps.setString(p++, id);
                ps.executeUpdate();
            }
        }
    }

    /** The originals of the stories these items are in (an item no other points at is its own). */
    private static Set<String> originalsOf(Connection c, Set<String> publicIds) throws SQLException {
        Set<String> originals = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT public_id, duplicate_of FROM item WHERE public_id IN ("
                + Jdbc.marks(publicIds.size()) + ")")) {
            int p = 1;
            for (String id : publicIds) ps.setString(p++, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) originals.add(rs.getString(2) != null ? rs.getString(2) : rs.getString(1));
            }
        }
        return originals;
    }

    /**
     * The original of the story made of these stories: the earliest published of all their items, then the
     * smallest public id, compared in Java so that H2 and PostgreSQL (whose collations differ) choose the same one.
     * An original since deleted by retention is no candidate; its copies join the chosen one.
     */
    private static String earliest(Connection c, Set<String> originals) throws SQLException {
        String marks = Jdbc.marks(originals.size());
        String best = null;
        Instant bestDate = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT public_id, published_at FROM item WHERE public_id IN ("
                + marks + ") OR duplicate_of IN (" + marks + ")")) {
            int p = 1;
            for (String id : originals) ps.setString(p++, id);
            for (String id : originals) ps.setString(p++, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Instant date = getInstant(rs, "published_at");
                    if (best == null || earlier(date, id, bestDate, best)) {
                        best = id;
                        bestDate = date;
                    }
                }
            }
        }
        return best;
    }

    private static boolean earlier(Instant date, String id, Instant thanDate, String thanId) {
        if (date != null && thanDate != null && !date.equals(thanDate)) return date.isBefore(thanDate);
        if ((date == null) != (thanDate == null)) return date != null;
        return id.compareTo(thanId) < 0;
    }

    /**
     * For each published item, the other sources that carried the same story, in the order they did, each with the
     * link of its own copy (its first copy, if a source carried the story twice).
     */
    static Map<String, List<StoredItem.OtherCopy>> alsoFrom(Connection c, List<String> publicIds) throws SQLException {
        Map<String, List<StoredItem.OtherCopy>> also = new HashMap<>();
        if (publicIds.isEmpty()) return also;
        String marks = Jdbc.marks(publicIds.size());
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
