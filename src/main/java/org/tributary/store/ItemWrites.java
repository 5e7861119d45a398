package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;

/**
 * What a fetched document changes in the item table, in the transaction that also writes the source's row: the
 * upsert (unchanged items skipped, changed ones updated in place, new ones inserted), surplus beyond retention,
 * retention itself, the items the source's rules now keep out, and an editor's hide. Deduplication lives in the
 * schema: items are keyed by their public id, a hash of (source, identity), so a refetch updates in place and never
 * duplicates. All timestamps come from the caller's clock, never from SQL now(), so ordering is testable.
 */
final class ItemWrites {

    private static final String LIST_SEPARATOR = "\n";
    /** The most values bound in one IN (...) list. */
    private static final int IN_CHUNK = 500;

    /**
     * Refreshes that may hold a connection for a fetch's transaction at once. A transaction with new items waits
     * for the same-story lock while holding its connection; with 64 refreshes in flight and no bound, eight of them
     * held the whole pool while the rest waited out the pool's 30 s and failed as "store failed" (2,000 feeds, 64
     * threads). Waiting here instead costs nothing: the fetch is done, and the queue is served in order. Two
     * connections stay for the pages, /status and the editors.
     */
    static final int WRITERS = Database.POOL_SIZE - 2;

    private final Jdbc jdbc;
    private final boolean mergeDuplicates;
    private final Semaphore writers = new Semaphore(WRITERS, true);

    ItemWrites(Jdbc jdbc, boolean mergeDuplicates) {
        this.jdbc = jdbc;
        this.mergeDuplicates = mergeDuplicates;
    }

    /**
     * What a refresh found, the health it leaves and the source's retention, in one transaction: they cannot
     * disagree after a crash, and it is one commit per fetch (on H2 the commit is most of what a fetch with few new
     * items costs the store; bench/ingest). Entries the normalizer skipped ({@link NormalizedFeed#unchanged()}, see
     * {@link #knownEntries}) are counted, never written. With {@code hold} (moderation: hold) the items stored for
     * the first time are held in the same transaction (see {@link Moderation}), so no reader ever sees one before an
     * editor approves it.
     */
    SaveResult saveFetched(String sourceId, FetchedDocument document, NormalizedFeed feed, int keep,
                                  java.time.Duration maxAge, boolean hold, SourceHealth health, Instant now) {
        try {
            writers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to store source " + sourceId);
        }
        try {
            return saveFetchedNow(sourceId, document, feed, keep, maxAge, hold, health, now);
        } finally {
            writers.release();
        }
    }

    private SaveResult saveFetchedNow(String sourceId, FetchedDocument document, NormalizedFeed feed, int keep,
                                      java.time.Duration maxAge, boolean hold, SourceHealth health, Instant now) {
        return jdbc.inTransaction(c -> {
            Set<String> remembered = Surplus.of(c, sourceId);
            Saved saved = save(c, sourceId, feed.items(), feed.unchanged(), remembered, keep, maxAge, now);
            // The source's row, its health included, in one statement; before the rule counts, which need the row.
            SourceStates.saveFetched(c, sourceId, document,
                    String.join(LIST_SEPARATOR, new TreeSet<>(feed.unmappedCategories())), feed.notes(), health, now);
            int ruledOut = RuledOut.remove(c, sourceId, feed.ruledOut());
            Map<String, String> deleted = Retention.purge(c, sourceId, keep, maxAge, now);
            Set<String> purged = deleted.keySet();
            // What the feed still lists but retention does not keep is remembered, so that it is neither inserted
            // again nor "new" on the next fetch; what it no longer lists is forgotten.
            Map<String, String> surplus = new LinkedHashMap<>(saved.surplus());
            deleted.forEach((id, raw) -> { if (saved.listed().contains(id)) surplus.put(id, raw); });
            Surplus.remember(c, sourceId, surplus, remembered);
            Surplus.forgetUnlisted(c, sourceId, remembered, saved.listed());
            List<String> keptIds = saved.added().stream().filter(id -> !purged.contains(id)).toList();
            if (hold) Moderation.hold(c, sourceId, keptIds, now);
            int kept = keptIds.size();
            SaveResult result = new SaveResult(kept, saved.result().updated(), saved.result().unchanged());
            if (result.changedAnything() || ruledOut > 0 || purged.size() > saved.added().size() - kept) {
                PublishedItems.bumpVersion(c, now);
            }
            return result;
        });
    }

    /**
     * What {@link #save} did, with the public ids it inserted, every public id the fetch listed, and the new items it
     * did not insert because retention would not keep them (by public id, with their raw fingerprints).
     */
    private record Saved(SaveResult result, List<String> added, Set<String> listed, Map<String, String> surplus) {}

    private Saved save(Connection c, String sourceId, List<Item> items, List<String> unchanged,
                       Set<String> remembered, int keep, java.time.Duration maxAge, Instant now) throws SQLException {
        // Nothing to compare when every entry came back unchanged (the normalizer already knew them all).
        Map<String, Known> known = items.isEmpty() ? Map.of() : knownItems(c, sourceId, items);
        Map<String, String> byLinkAndTitle = new HashMap<>();
        known.forEach((id, k) -> { if (k.linkAndTitle() != null) byLinkAndTitle.putIfAbsent(k.linkAndTitle(), id); });
        Set<String> fetchedIds = new java.util.HashSet<>(unchanged);
        for (Item item : items) fetchedIds.add(item.publicId());
        List<Item> added = new ArrayList<>();
        List<Item> changed = new ArrayList<>();
        List<Item> sameButRaw = new ArrayList<>();
        for (Item item : items) {
            Known k = known.get(item.publicId());
            if (k == null) {
                // A guid that changes on every fetch: same link and title as an item this fetch no longer
                // names, so it is that item, under its first public id.
                String sameStory = byLinkAndTitle.get(linkAndTitle(item));
                if (sameStory != null && !fetchedIds.contains(sameStory)) {
                    fetchedIds.add(sameStory);
                    k = known.get(sameStory);
                    item = item.withIdentity(sameStory, k.identity());
                }
            }
            if (k == null) {
                // a surplus entry remembered from an earlier fetch: not new, not stored
                if (!remembered.contains(item.publicId())) added.add(item);
            } else if (!k.contentHash.equals(item.contentHash())) changed.add(item);
            else if (item.rawHash() != null && !item.rawHash().equals(k.rawHash())) sameButRaw.add(item);
        }
        Map<String, String> surplus = new LinkedHashMap<>();
        for (Item item : Surplus.beyondRetention(c, sourceId, added, keep, maxAge, now)) {
            surplus.put(item.publicId(), item.rawHash());
        }
        if (!surplus.isEmpty()) added.removeIf(item -> surplus.containsKey(item.publicId()));
        insertItems(c, added, now);
        updateItems(c, changed, known, now);
        updateRawHashes(c, sameButRaw);
        writeTopics(c, added, changed);
        return new Saved(new SaveResult(added.size(), changed.size(),
                items.size() + unchanged.size() - added.size() - changed.size()),
                added.stream().map(Item::publicId).toList(), fetchedIds, surplus);
    }

    /**
     * The public ids of the source's stored items by the raw fingerprint they were normalized from (rows stored
     * before there was one are left out), for the normalizer to skip entries that come back unchanged.
     */
    Map<String, String> knownEntries(String sourceId) {
        return jdbc.read(c -> {
            Map<String, String> known = new HashMap<>();
            // Answered from the index item_by_source_raw alone: reading the rows would read their HTML too.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT raw_hash, public_id FROM item WHERE source_id = ? AND raw_hash IS NOT NULL")) {
                ps.setString(1, sourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) known.put(rs.getString(1), rs.getString(2));
                }
            }
            Surplus.addKnown(c, sourceId, known);
            return known;
        });
    }

    private record Known(String contentHash, Instant firstSeen, String identity, String linkAndTitle, String rawHash) {}

    /**
     * What the store knows of these items: their own rows by public id, and the source's rows that share a link with
     * one it does not know (a guid that changes on every fetch; see {@link #save}). Only those rows are read: a row
     * carries its HTML, and reading all of a source's rows on every fetch was most of what storing cost.
     */
    private static Map<String, Known> knownItems(Connection c, String sourceId, List<Item> items)
            throws SQLException {
        Map<String, Known> known = new HashMap<>();
        String columns = "SELECT public_id, content_hash, first_seen_at, identity, link, title, raw_hash FROM item"
                + " WHERE source_id = ? AND ";
        readKnown(c, columns + "public_id IN ", sourceId, items.stream().map(Item::publicId).toList(), known);
        List<String> links = new ArrayList<>();
        for (Item item : items) {
            if (!known.containsKey(item.publicId()) && item.link() != null) links.add(item.link().toString());
        }
        readKnown(c, columns + "link IN ", sourceId, links, known);
        return known;
    }

    private static void readKnown(Connection c, String sql, String sourceId, List<String> values,
                                  Map<String, Known> known) throws SQLException {
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(sql + "(" + Jdbc.marks(chunk.size()) + ")")) {
                ps.setString(1, sourceId);
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String link = rs.getString("link");
                        known.put(rs.getString(1), new Known(rs.getString(2), getInstant(rs, "first_seen_at"),
                                rs.getString("identity"), link == null ? null : link + "\n" + rs.getString("title"),
                                rs.getString("raw_hash")));
                    }
                }
            }
        }
    }

    private static String linkAndTitle(Item item) {
        return item.link() == null ? null : item.link() + "\n" + item.title();
    }

    /** Refreshes waiting for their turn to write (for tests of the bound). */
    int waitingWriters() {
        return writers.getQueueLength();
    }

    /**
     * Retention for one source: its newest {@code keep} items, none older than {@code maxAge} (null: no limit).
     * Hidden items stay, so that hiding survives refetches. Returns how many were deleted.
     */
    int purge(String sourceId, int keep, java.time.Duration maxAge, Instant now) {
        return jdbc.inTransaction(c -> {
            Map<String, String> purged = Retention.purge(c, sourceId, keep, maxAge, now);
            // Remembered as surplus until a fetch shows the feed no longer lists them: an undated entry aged out
            // here must not come back as new on the next 200.
            Surplus.remember(c, sourceId, purged, Surplus.of(c, sourceId));
            int deleted = purged.size();
            if (deleted > 0) PublishedItems.bumpVersion(c, now);
            return deleted;
        });
    }

    /** Hides (or shows again) an item in every output. False when no item has that id. */
    boolean setHidden(String publicId, boolean hidden, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE item SET hidden = ? WHERE public_id = ?")) {
                ps.setBoolean(1, hidden);
                ps.setString(2, publicId);
                if (ps.executeUpdate() == 0) return false;
            }
            PublishedItems.bumpVersion(c, now);
            return true;
        });
    }

    /**
     * The display and sort date: the source's own date, unless it is missing or later than the moment we first saw
     * the item (a future date would pin an item to the top of every feed).
     */
    static Instant displayDate(Instant published, Instant firstSeen) {
        return published == null || published.isAfter(firstSeen) ? firstSeen : published;
    }

    private void insertItems(Connection c, List<Item> items, Instant now) throws SQLException {
        if (items.isEmpty()) return;
        List<Instant> dates = new ArrayList<>();
        for (Item item : items) dates.add(displayDate(item.published(), now));
        if (mergeDuplicates) Duplicates.lock(c);
        List<Set<String>> matches = mergeDuplicates ? Duplicates.matchesOf(c, items, dates) : List.of();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO item (source_id, identity, guid, link, title, summary_html, content_html, excerpt,
                                  item_type, categories, authors, image_url, published_at, source_updated_at,
                                  content_hash, event_start_at, image_credit, title_key, raw_hash,
                                  event_end_at, event_all_day, event_zone, event_location, event_organizer,
                                  event_type, event_cancelled, event_registration, language, image_alt,
                                  sort_date, text_print, first_seen_at, changed_at, public_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?)
                """)) {
            for (int n = 0; n < items.size(); n++) {
                Item item = items.get(n);
                int i = ItemRows.bindContent(ps, item);
                setInstant(ps, i++, displayDate(item.published(), now));
                ps.setBytes(i++, Duplicates.textPrint(item));
                setInstant(ps, i++, now);
                setInstant(ps, i++, now);
                ps.setString(i, item.publicId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (mergeDuplicates) Duplicates.join(c, items, matches);
    }

    private static void updateItems(Connection c, List<Item> items, Map<String, Known> known, Instant now)
            throws SQLException {
        if (items.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE item SET source_id = ?, identity = ?, guid = ?, link = ?, title = ?, summary_html = ?,
                                content_html = ?, excerpt = ?, item_type = ?, categories = ?, authors = ?,
                                image_url = ?, published_at = ?, source_updated_at = ?, content_hash = ?,
                                event_start_at = ?, image_credit = ?, title_key = ?, raw_hash = ?,
                                event_end_at = ?, event_all_day = ?, event_zone = ?, event_location = ?,
                                event_organizer = ?, event_type = ?, event_cancelled = ?, event_registration = ?,
                                language = ?, image_alt = ?, sort_date = ?, text_print = ?, changed_at = ?, revision = revision + 1
                WHERE public_id = ?
                """)) {
            for (Item item : items) {
                int i = ItemRows.bindContent(ps, item);
                setInstant(ps, i++, displayDate(item.published(), known.get(item.publicId()).firstSeen()));
                ps.setBytes(i++, Duplicates.textPrint(item));
                setInstant(ps, i++, now);
                ps.setString(i, item.publicId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Items whose entry changed in a way no reader sees (or were stored before there were fingerprints, or under
     * other rules that gave the same result): only the fingerprint is written, so that the next fetch skips them.
     */
    private static void updateRawHashes(Connection c, List<Item> items) throws SQLException {
        if (items.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE item SET raw_hash = ? WHERE public_id = ?")) {
            for (Item item : items) {
                ps.setString(1, item.rawHash());
                ps.setString(2, item.publicId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeTopics(Connection c, List<Item> added, List<Item> changed) throws SQLException {
        if (!changed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM item_topic WHERE public_id = ?")) {
                for (Item item : changed) {
                    ps.setString(1, item.publicId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO item_topic (public_id, topic) VALUES (?, ?)")) {
            for (List<Item> list : List.of(added, changed)) {
                for (Item item : list) {
                    for (String topic : new TreeSet<>(item.topics())) {
                        ps.setString(1, item.publicId());
                        ps.setString(2, topic);
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }
}
