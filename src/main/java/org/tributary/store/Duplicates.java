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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tributary.normalize.Item;

/**
 * One story, many partners, decided on evidence: a new item is marked as the duplicate of an item another source
 * published first only when both carry the same canonical link, or the same normalised title within {@link #WINDOW}
 * of its date <em>and</em> nearly the same plain text ({@link Shingles#SAME_TEXT}). A title alone is no evidence:
 * two libraries' "Board meeting" or "Closed for the holiday" are two items. A link is canonical for an item only when
 * no other item of its source carries it too (a channel link or a home page repeated on every item says nothing
 * about the story). The first source keeps the credit; the others are listed under it ("also from ..."). Only new
 * items are matched, so what was published never disappears on a later fetch.
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

    /** The most values bound in one IN list. */
    private static final int CHUNK = 200;

    /**
     * For each item of a batch (dates.get(i) is items.get(i)'s date), the public id of the first item (by first_seen_at,
     * then public_id) of another source, not itself a duplicate, with the same link or else the same title key within
     * {@link #WINDOW} of the date; or null. Two queries per source and chunk of the batch, not two per item. Items of
     * the batch do not match each other: none is stored yet.
     */
    static List<String> originalsOf(Connection c, List<Item> items, List<Instant> dates) throws SQLException {
        String[] originals = new String[items.size()];
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            bySource.computeIfAbsent(items.get(i).sourceId(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> group : bySource.entrySet()) {
            List<Integer> indexes = group.getValue();
            for (int from = 0; from < indexes.size(); from += CHUNK) {
                List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + CHUNK));
                byLink(c, group.getKey(), items, chunk, originals);
                byTitle(c, group.getKey(), items, dates, chunk, originals);
            }
        }
        return Arrays.asList(originals);
    }

    /**
     * The first item of another source with the same link, per link; only where the link is canonical on both sides
     * (no other item of the new item's source, in the batch or stored, and none of the original's, carries it).
     */
    private static void byLink(Connection c, String sourceId, List<Item> items, List<Integer> chunk,
            String[] originals) throws SQLException {
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
        Map<String, String> first = new HashMap<>();
        Map<String, Map<String, Integer>> holders = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT link, public_id, source_id, duplicate_of FROM item"
                + " WHERE link IN (" + Jdbc.marks(links.size()) + ") ORDER BY first_seen_at, public_id")) {
            int p = 1;
            for (String link : links) ps.setString(p++, link);
            try (ResultSet rs = ps.executeQuery()) {
                List<String[]> originalsByLink = new ArrayList<>();
                while (rs.next()) {
                    String link = rs.getString(1);
                    String source = rs.getString(3);
                    holders.computeIfAbsent(link, k -> new HashMap<>()).merge(source, 1, Integer::sum);
                    if (!source.equals(sourceId) && rs.getString(4) == null) {
                        originalsByLink.add(new String[] {link, rs.getString(2), source});
                    }
                }
                for (String[] o : originalsByLink) {
                    Map<String, Integer> bySource = holders.get(o[0]);
                    boolean canonical = bySource.getOrDefault(sourceId, 0) == 0 && bySource.get(o[2]) == 1;
                    if (canonical) first.putIfAbsent(o[0], o[1]);
                }
            }
        }
        for (int i : chunk) {
            if (items.get(i).link() != null) originals[i] = first.get(items.get(i).link().toString());
        }
    }

    /**
     * For the items still without an original: the first of another source with the title key, within the window,
     * whose excerpt is nearly the same text as the new item's.
     */
    private static void byTitle(Connection c, String sourceId, List<Item> items, List<Instant> dates,
            List<Integer> chunk, String[] originals) throws SQLException {
        Map<Integer, String> keys = new LinkedHashMap<>();
        Instant earliest = null;
        Instant latest = null;
        for (int i : chunk) {
            if (originals[i] != null) continue;
            String key = titleKey(items.get(i).title());
            if (key == null) continue;
            keys.put(i, key);
            Instant date = dates.get(i);
            if (earliest == null || date.isBefore(earliest)) earliest = date;
            if (latest == null || date.isAfter(latest)) latest = date;
        }
        if (keys.isEmpty()) return;
        Set<String> distinct = new LinkedHashSet<>(keys.values());
        Map<String, List<Candidate>> candidates = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT title_key, sort_date, public_id, excerpt FROM item WHERE title_key IN ("
                + Jdbc.marks(distinct.size()) + ") AND source_id <> ? AND duplicate_of IS NULL AND sort_date BETWEEN ? AND ?"
                + " ORDER BY first_seen_at, public_id")) {
            int p = 1;
            for (String key : distinct) ps.setString(p++, key);
            ps.setString(p++, sourceId);
            setInstant(ps, p++, earliest.minus(WINDOW));
            setInstant(ps, p, latest.plus(WINDOW));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Candidate(getInstant(rs, "sort_date"), rs.getString(3), rs.getString(4)));
                }
            }
        }
        for (Map.Entry<Integer, String> k : keys.entrySet()) {
            Instant date = dates.get(k.getKey());
            Instant from = date.minus(WINDOW);
            Instant to = date.plus(WINDOW);
            Set<String> text = null;
            for (Candidate candidate : candidates.getOrDefault(k.getValue(), List.of())) {
                // both ends of the window included, as SQL's BETWEEN would
                if (candidate.sortDate().isBefore(from) || candidate.sortDate().isAfter(to)) continue;
                if (text == null) text = Shingles.of(items.get(k.getKey()).excerpt());
                if (Shingles.similarity(text, candidate.text()) >= Shingles.SAME_TEXT) {
                    originals[k.getKey()] = candidate.publicId();
                    break;
                }
            }
        }
    }

    /**
     * A stored item with the title key. Its word pairs are made when an item's window first reaches it, once per
     * batch: most candidates of a common title lie outside every new item's window and are never shingled.
     */
    private static final class Candidate {
        private final Instant sortDate;
        private final String publicId;
        private String excerpt;
        private Set<String> text;

        Candidate(Instant sortDate, String publicId, String excerpt) {
            this.sortDate = sortDate;
            this.publicId = publicId;
            this.excerpt = excerpt;
        }

        Instant sortDate() {
            return sortDate;
        }

        String publicId() {
            return publicId;
        }

        Set<String> text() {
            if (text == null) {
                text = Shingles.of(excerpt);
                excerpt = null;
            }
            return text;
        }
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
