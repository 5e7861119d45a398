package org.tributary.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What we know about one source between fetches: its row of source_state, read once before a refresh and shown by
 * /status, the CLI, metrics and alerts. Times are null until the first attempt or success. How many items a source
 * has is not part of it (counting them is a query of its own, {@link Store#itemCounts()}, which only /status needs).
 *
 * @param lastStatus   the HTTP status of the last attempt, 0 when there was no response
 * @param lastError    null after a success
 * @param documentHash the fingerprint of the last document stored from a 200, null before one
 * @param notes        what an editor should know of that document (shared identity keys, fields cut), one line each
 * @param health       how the source is doing, and what that means for the next request
 * @param postDates    the newest post dates of the last document stored from a 200 (see {@link FetchedDocument}),
 *                     newest first; empty before one
 */
public record SourceState(
        String sourceId,
        String url,
        String etag,
        String lastModified,
        Instant lastAttemptAt,
        Instant lastSuccessAt,
        int lastStatus,
        String lastError,
        int consecutiveFailures,
        Instant nextFetchAt,
        List<String> unmappedCategories,
        String documentHash,
        List<String> notes,
        SourceHealth health,
        List<Instant> postDates) {

    public SourceState {
        Objects.requireNonNull(sourceId, "sourceId");
        unmappedCategories = List.copyOf(unmappedCategories);
        notes = notes == null ? List.of() : List.copyOf(notes);
        health = health == null ? SourceHealth.NEW : health;
        postDates = postDates == null ? List.of() : List.copyOf(postDates);
    }

    /** A state without post dates. */
    public SourceState(String sourceId, String url, String etag, String lastModified, Instant lastAttemptAt,
                       Instant lastSuccessAt, int lastStatus, String lastError, int consecutiveFailures,
                       Instant nextFetchAt, List<String> unmappedCategories, String documentHash, List<String> notes,
                       SourceHealth health) {
        this(sourceId, url, etag, lastModified, lastAttemptAt, lastSuccessAt, lastStatus, lastError,
                consecutiveFailures, nextFetchAt, unmappedCategories, documentHash, notes, health, List.of());
    }

    /** A source we have never tried. */
    public static SourceState unknown(String sourceId) {
        return new SourceState(sourceId, null, null, null, null, null, 0, null, 0, null, List.of(), null, List.of(),
                SourceHealth.NEW);
    }

    /**
     * The one state a source is shown in (/status, /status.html, `tributary status`, /metrics): its health as the
     * last refresh left it; "new" before any attempt; "failing" when a refresh failed without leaving a health (an
     * internal error, which counts up the failures).
     */
    public String shownState() {
        if (health.state() != null) return health.state().label();
        if (lastAttemptAt == null) return "new";
        return consecutiveFailures > 0 ? "failing" : "ok";
    }
}
