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
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;

/**
 * Every SQL statement of Tributary. Deduplication lives in the schema: items are keyed by their public id, a hash of
 * (source, identity), so a refetch updates in place and never duplicates. All timestamps come from the caller's
 * clock, never from SQL now(), so ordering is testable.
 */
public final class Store {

    private static final String LIST_SEPARATOR = "\n";
    /** The most values bound in one IN (...) list. */
    private static final int IN_CHUNK = 500;

    final Jdbc jdbc;
    private final boolean mergeDuplicates;
    private final StoreFailures failures;

    public Store(Database database) {
        this(database, true);
    }

    /** @param mergeDuplicates publish one story carried by several sources once (site.merge_duplicates) */
    public Store(Database database, boolean mergeDuplicates) {
        this.jdbc = new Jdbc(database);
        this.mergeDuplicates = mergeDuplicates;
        this.failures = database.failures();
    }

    /** The failure of the store as a whole going on (full disk, read-only, corrupt, unreachable), if any. */
    public java.util.Optional<StoreFailures.Failure> failure() {
        return failures.current();
    }

    /** Whether the exception is a failure of the store as a whole, already logged by it (once a minute). */
    public static boolean isStoreFailure(Throwable e) {
        return StoreFailures.isStoreFailure(e);
    }

    /** The health columns of the same database (kept in their own class; see {@link HealthStore}). */
    public HealthStore health() {
        return new HealthStore(jdbc);
    }

    // ---- writing what a refresh found ----

    /**
     * Stores the items of one successful fetch and the source's new state, as {@link #saveFetched(String,
     * FetchedDocument, NormalizedFeed, int, java.time.Duration, SourceHealth, Instant) a refresh does}, without a
     * document fingerprint, a health or a retention limit. Unchanged items (same content hash) are skipped before
     * the database writes anything, which is most of them on most fetches.
     */
    public SaveResult saveFetched(String sourceId, String url, String etag, String lastModified, List<Item> items,
                                  Set<String> unmappedCategories, Instant now) {
        return saveFetched(sourceId, new FetchedDocument(url, etag, lastModified, null),
                new NormalizedFeed(items, unmappedCategories), Integer.MAX_VALUE, null, null, now);
    }

    /**
     * What a refresh found, the health it leaves and the source's retention, in one transaction: they cannot
     * disagree after a crash, and it is one commit per fetch (on H2 the commit is most of what a fetch with few new
     * items costs the store; bench/ingest). Entries the normalizer skipped ({@link NormalizedFeed#unchanged()}, see
     * {@link #knownEntries}) are counted, never written.
     *
     * @param keep   the newest items of the source to keep (keep_items)
     * @param maxAge none older than this (max_age), null for no limit
     * @param health the health the fetch leaves, written in the same transaction; null leaves it as it was
     */
    public SaveResult saveFetched(String sourceId, FetchedDocument document, NormalizedFeed feed, int keep,
                                  java.time.Duration maxAge, SourceHealth health, Instant now) {
        return saveFetched(sourceId, document, feed, keep, maxAge, false, health, now);
    }

    /**
     * As above; with {@code hold} (moderation: hold) the items stored for the first time are held in the same
     * transaction (see {@link Moderation}), so no reader ever sees one before an editor approves it.
     */
    public SaveResult saveFetched(String sourceId, FetchedDocument document, NormalizedFeed feed, int keep,
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
                bumpVersion(c, now);
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
     * A 304 (or the same document again): nothing changed but the time we last heard from the source.
     *
     * @param health the health the fetch leaves, written in the same transaction; null leaves it as it was
     */
    public void saveNotModified(String sourceId, String url, String etag, String lastModified, SourceHealth health,
                                Instant now) {
        jdbc.inTransaction(c -> {
            SourceStates.saveNotModified(c, sourceId, url, etag, lastModified, health, now);
            return null;
        });
    }

    /**
     * A failed attempt: the validators and items stay as they were; the failure count grows.
     *
     * @param health the health the failure leaves, written in the same transaction; null leaves it as it was
     */
    public void saveFailure(String sourceId, String url, int status, String reason, SourceHealth health,
                            Instant now) {
        jdbc.inTransaction(c -> {
            SourceStates.saveFailure(c, sourceId, url, status, reason, health, now);
            return null;
        });
    }

    /** When the scheduler will next fetch the source, for /status. */
    public void saveNextFetch(String sourceId, Instant next) {
        jdbc.inTransaction(c -> {
            SourceStates.saveNextFetch(c, sourceId, next);
            return null;
        });
    }

    /** Hides (or shows again) an item in every output. False when no item has that id. */
    public boolean setHidden(String publicId, boolean hidden, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE item SET hidden = ? WHERE public_id = ?")) {
                ps.setBoolean(1, hidden);
                ps.setString(2, publicId);
                if (ps.executeUpdate() == 0) return false;
            }
            bumpVersion(c, now);
            return true;
        });
    }

    /**
     * The public ids of the source's stored items by the raw fingerprint they were normalized from (rows stored
     * before there was one are left out), for the normalizer to skip entries that come back unchanged.
     */
    public Map<String, String> knownEntries(String sourceId) {
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

    /**
     * Retention for one source: its newest {@code keep} items, none older than {@code maxAge} (null: no limit).
     * Hidden items stay, so that hiding survives refetches. Returns how many were deleted.
     */
    public int purge(String sourceId, int keep, java.time.Duration maxAge, Instant now) {
        return jdbc.inTransaction(c -> {
            Map<String, String> purged = Retention.purge(c, sourceId, keep, maxAge, now);
            // Remembered as surplus until a fetch shows the feed no longer lists them: an undated entry aged out
            // here must not come back as new on the next 200.
            Surplus.remember(c, sourceId, purged, Surplus.of(c, sourceId));
            int deleted = purged.size();
            if (deleted > 0) bumpVersion(c, now);
            return deleted;
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
                                  event_type, event_cancelled, event_registration, sort_date,
                                  text_print, first_seen_at, changed_at, public_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            for (int n = 0; n < items.size(); n++) {
                Item item = items.get(n);
                int i = bindContent(ps, item);
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
                                sort_date = ?, text_print = ?, changed_at = ?, revision = revision + 1
                WHERE public_id = ?
                """)) {
            for (Item item : items) {
                int i = bindContent(ps, item);
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

    /** Binds the twenty-seven columns that come from the item itself; returns the next parameter index. */
    private static int bindContent(PreparedStatement ps, Item item) throws SQLException {
        int i = 1;
        ps.setString(i++, item.sourceId());
        ps.setString(i++, item.identity());
        ps.setString(i++, item.guid());
        ps.setString(i++, item.link() == null ? null : item.link().toString());
        ps.setString(i++, item.title());
        ps.setString(i++, item.summaryHtml());
        ps.setString(i++, item.contentHtml());
        ps.setString(i++, item.excerpt());
        ps.setString(i++, item.type());
        ps.setString(i++, joinList(item.categories()));
        ps.setString(i++, joinList(item.authors()));
        ps.setString(i++, item.imageUrl() == null ? null : item.imageUrl().toString());
        setInstant(ps, i++, item.published());
        setInstant(ps, i++, item.updated());
        ps.setString(i++, item.contentHash());
        setInstant(ps, i++, item.eventStart());
        ps.setString(i++, item.imageCredit());
        ps.setString(i++, Duplicates.titleKey(item.title()));
        ps.setString(i++, item.rawHash());
        Event event = item.event();
        setInstant(ps, i++, event == null ? null : event.end());
        ps.setBoolean(i++, event != null && event.allDay());
        ps.setString(i++, event == null || event.zone() == null ? null : event.zone().getId());
        ps.setString(i++, event == null ? null : event.location());
        ps.setString(i++, event == null ? null : event.organizer());
        ps.setString(i++, event == null ? null : event.type());
        ps.setBoolean(i++, event != null && event.cancelled());
        ps.setString(i++, event == null || event.registration() == null ? null : event.registration().toString());
        return i;
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

    static void bumpVersion(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE publish_state SET version = version + 1, changed_at = ? WHERE id = 1")) {
            setInstant(ps, 1, now);
            ps.executeUpdate();
        }
    }

    // ---- reading ----

    /** The source's row, its health included: what a refresh reads, once, before it fetches. */
    public SourceState state(String sourceId) {
        return jdbc.read(c -> SourceStates.read(c, sourceId));
    }

    /** How many entries of each source's last stored document its rules kept out; sources with none are absent. */
    public Map<String, Integer> droppedItems() {
        return jdbc.read(RuledOut::counts);
    }

    /** How many new items of each source wait for an editor (moderation: hold); sources with none are absent. */
    public Map<String, Integer> heldItems() {
        return jdbc.read(Moderation::counts);
    }

    /** Every source we have a row for, by id. Sources in feeds.yml that never ran have none. */
    public Map<String, SourceState> states() {
        return jdbc.read(SourceStates::readAll);
    }

    /** How many items each source has stored, for /status; sources with none are absent. One query for all. */
    public Map<String, Long> itemCounts() {
        return jdbc.read(c -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source_id, COUNT(*) FROM item GROUP BY source_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        });
    }

    /**
     * Published items, newest first (ties by first seen), hidden ones and merged duplicates left out: the newest
     * page of {@link ItemPages}, which is what every published document reads.
     */
    public List<StoredItem> items(ItemQuery query) {
        return new ItemPages(this).newest(query).items();
    }

    /**
     * The WHERE clause every published selection shares (the newest items here, any page in {@link ItemPages}):
     * visible, matching the query, not a past event of a source that hides them, and not a merged duplicate whose
     * original is in the same selection. A copy stands in for the story where its original does not appear: in
     * {@code source=} its own source, a topic only it is in, or when the original is hidden.
     */
    String publishedWhere(ItemQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder("WHERE i.hidden = FALSE").append(unmoderated("i"));
        matching(sql, "i", query, params);
        if (mergeDuplicates) {
            sql.append(" AND (i.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM item o")
                    .append(" WHERE o.public_id = i.duplicate_of AND o.hidden = FALSE").append(unmoderated("o"));
            matching(sql, "o", query, params);
            sql.append("))");
        }
        return sql.toString();
    }

    /** Held or rejected items (see {@link Moderation}) appear nowhere. */
    private static String unmoderated(String alias) {
        return " AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.public_id = " + alias + ".public_id)";
    }

    /** The query's conditions on the item row called {@code alias}, appended as " AND ..." with their parameters. */
    private static void matching(StringBuilder sql, String alias, ItemQuery query, List<Object> params) {
        inClause(sql, alias + ".item_type", query.types(), params);
        inClause(sql, alias + ".source_id", query.sourceIds(), params);
        if (!query.topics().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM item_topic t WHERE t.public_id = ").append(alias).append(".public_id");
            inClause(sql, "t.topic", query.topics(), params);
            sql.append(')');
        }
        ItemQuery.PastEvents past = query.pastEvents();
        if (past.hidesAny()) {
            sql.append(" AND (").append(alias).append(".event_start_at IS NULL OR ").append(alias)
                    .append(".event_start_at >= ?");
            params.add(past.now().atOffset(ZoneOffset.UTC));
            sql.append(" OR ").append(alias).append(".source_id NOT IN (")
                    .append(Jdbc.marks(past.sourceIds().size())).append("))");
            params.addAll(new TreeSet<>(past.sourceIds()));
        }
    }

    /** Rows as read, completed with their topics and the other sources that published the same story. */
    List<StoredItem> completed(Connection c, List<StoredItem> rows) throws SQLException {
        return withAlsoFrom(c, withTopics(c, rows));
    }

    private static void inClause(StringBuilder sql, String column, Collection<String> values, List<Object> params) {
        if (values.isEmpty()) return;
        sql.append(" AND ").append(column).append(" IN (").append(Jdbc.marks(values.size()))
                .append(')');
        params.addAll(new TreeSet<>(values));
    }

    /** Rows are read without topics first; one more query fills them in for the whole page. */
    static StoredItem readItemRow(ResultSet rs) throws SQLException {
        Item item = new Item(
                rs.getString("public_id"),
                rs.getString("source_id"),
                rs.getString("identity"),
                rs.getString("guid"),
                uri(rs.getString("link")),
                rs.getString("title"),
                rs.getString("summary_html"),
                rs.getString("content_html"),
                rs.getString("excerpt"),
                rs.getString("item_type"),
                List.of(),
                splitList(rs.getString("categories")),
                splitList(rs.getString("authors")),
                uri(rs.getString("image_url")),
                getInstant(rs, "published_at"),
                getInstant(rs, "source_updated_at"),
                rs.getString("content_hash"),
                null,
                rs.getString("image_credit"),
                null,
                event(rs));
        return new StoredItem(item, getInstant(rs, "sort_date"), getInstant(rs, "first_seen_at"),
                getInstant(rs, "changed_at"), List.of(), rs.getInt("revision"));
    }

    /** The row's event, or null when it announces none. */
    private static Event event(ResultSet rs) throws SQLException {
        Instant start = getInstant(rs, "event_start_at");
        if (start == null) return null;
        String zone = rs.getString("event_zone");
        ZoneId zoneId = null;
        try {
            zoneId = zone == null ? null : ZoneId.of(zone);
        } catch (java.time.DateTimeException gone) {
            // a zone this runtime no longer knows: the event keeps its instants
        }
        return new Event(start, getInstant(rs, "event_end_at"), rs.getBoolean("event_all_day"), zoneId,
                rs.getString("event_location"), rs.getString("event_organizer"), rs.getString("event_type"),
                rs.getBoolean("event_cancelled"), uri(rs.getString("event_registration")));
    }

    private static List<StoredItem> withTopics(Connection c, List<StoredItem> items) throws SQLException {
        if (items.isEmpty()) return items;
        Map<String, List<String>> topics = new HashMap<>();
        String marks = Jdbc.marks(items.size());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT public_id, topic FROM item_topic WHERE public_id IN (" + marks + ") ORDER BY topic")) {
            for (int i = 0; i < items.size(); i++) ps.setString(i + 1, items.get(i).item().publicId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) topics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return items.stream().map(s -> new StoredItem(s.item().withTopics(topics.getOrDefault(s.item().publicId(),
                List.of())), s.date(), s.firstSeen(), s.changedAt(), s.otherCopies(), s.revision())).toList();
    }

    private List<StoredItem> withAlsoFrom(Connection c, List<StoredItem> items) throws SQLException {
        if (!mergeDuplicates || items.isEmpty()) return items;
        Map<String, List<StoredItem.OtherCopy>> also =
                Duplicates.alsoFrom(c, items.stream().map(s -> s.item().publicId()).toList());
        if (also.isEmpty()) return items;
        return items.stream().map(s -> new StoredItem(s.item(), s.date(), s.firstSeen(), s.changedAt(),
                also.getOrDefault(s.item().publicId(), List.of()), s.revision())).toList();
    }

    /** Moves whenever anything published changes; rendered documents are cached against it. */
    public PublishVersion version() {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, changed_at FROM publish_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new PublishVersion(rs.getLong(1), getInstant(rs, "changed_at"));
            }
        });
    }

    public record PublishVersion(long version, Instant changedAt) {}

    private static String joinList(List<String> values) {
        return String.join(LIST_SEPARATOR, values.stream().map(v -> v.replace('\n', ' ')).toList());
    }

    private static List<String> splitList(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
