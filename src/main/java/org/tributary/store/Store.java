package org.tributary.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tributary.normalize.NormalizedFeed;

/**
 * The store as the other stages see it: one handle on the database, each method handing over to the class that
 * serves it. A fetched document's items are written by {@link ItemWrites}, a source's row by {@link SourceStates},
 * and what publishing reads by {@link PublishedItems} (with {@link ItemPages} and {@link Events} built on it). It
 * stays one handle because every stage (refresh, web, alert, cli) is given the store once by the composition root;
 * the SQL lives in the classes behind it.
 */
public final class Store {

    private final Jdbc jdbc;
    private final StoreFailures failures;
    private final ItemWrites writes;
    final PublishedItems published;

    /** @param mergeDuplicates publish one story carried by several sources once (site.merge_duplicates) */
    public Store(Database database, boolean mergeDuplicates) {
        this.jdbc = new Jdbc(database);
        this.failures = database.failures();
        this.writes = new ItemWrites(jdbc, mergeDuplicates);
        this.published = new PublishedItems(jdbc, mergeDuplicates);
    }

    /** Refreshes waiting for their turn to store what they fetched (a test's view of the bound on writers). */
    int waitingWriters() {
        return writes.waitingWriters();
    }

    /** The failure of the store as a whole going on (full disk, read-only, corrupt, unreachable), if any. */
    public Optional<StoreFailures.Failure> failure() {
        return failures.current();
    }

    /** Whether the exception is a failure of the store as a whole, already logged by it (once a minute). */
    public static boolean isStoreFailure(Throwable e) {
        return StoreFailures.isStoreFailure(e);
    }

    /**
     * An operator's "try again": forgets gone, backoff, rate limits, failures, a learnt move (a feed that still
     * redirects permanently is learnt again) and the last document's fingerprint (the next 200 is read in full even
     * if it is the same). False when the source has no row.
     */
    public boolean resetHealth(String sourceId) {
        return jdbc.inTransaction(c -> SourceStates.reset(c, sourceId));
    }

    // ---- writing what a refresh found ----

    /**
     * What a refresh found, the health it leaves and the source's retention, in one transaction: they cannot
     * disagree after a crash, and it is one commit per fetch. Entries the normalizer skipped ({@link
     * NormalizedFeed#unchanged()}, see {@link #knownEntries}) are counted, never written. With {@code hold}
     * (moderation: hold) the items stored for the first time are held for an editor in the same transaction.
     *
     * @param keep   the newest items of the source to keep (keep_items)
     * @param maxAge none older than this (max_age), null for no limit
     * @param health the health the fetch leaves, written in the same transaction; null leaves it as it was
     */
    public SaveResult saveFetched(String sourceId, FetchedDocument document, NormalizedFeed feed, int keep,
                                  Duration maxAge, boolean hold, SourceHealth health, Instant now) {
        return writes.saveFetched(sourceId, document, feed, keep, maxAge, hold, health, now);
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
        return writes.setHidden(publicId, hidden, now);
    }

    /**
     * The public ids of the source's stored items by the raw fingerprint they were normalized from (rows stored
     * before there was one are left out), for the normalizer to skip entries that come back unchanged.
     */
    public Map<String, String> knownEntries(String sourceId) {
        return writes.knownEntries(sourceId);
    }

    /**
     * Retention for one source: its newest {@code keep} items, none older than {@code maxAge} (null: no limit).
     * Hidden items stay, so that hiding survives refetches. Returns how many were deleted.
     */
    public int purge(String sourceId, int keep, Duration maxAge, Instant now) {
        return writes.purge(sourceId, keep, maxAge, now);
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
        return published.itemCounts();
    }

    /** Moves whenever anything published changes; rendered documents are cached against it. */
    public PublishVersion version() {
        return published.version();
    }

    public record PublishVersion(long version, Instant changedAt) {}
}
