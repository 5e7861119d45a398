package org.tributary.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What we know about one source between fetches. Times are null until the first attempt or success.
 *
 * @param lastStatus the HTTP status of the last attempt, 0 when there was no response
 * @param lastError  null after a success
 * @param items      how many items of this source are stored
 * @param documentHash the fingerprint of the last document stored from a 200, null before one
 * @param notes      what an editor should know of that document (shared identity keys, fields cut), one line each
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
        long items,
        String documentHash,
        List<String> notes) {

    public SourceState {
        Objects.requireNonNull(sourceId, "sourceId");
        unmappedCategories = List.copyOf(unmappedCategories);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A state with nothing noted of its last document. */
    public SourceState(String sourceId, String url, String etag, String lastModified, Instant lastAttemptAt,
                       Instant lastSuccessAt, int lastStatus, String lastError, int consecutiveFailures,
                       Instant nextFetchAt, List<String> unmappedCategories, long items, String documentHash) {
        this(sourceId, url, etag, lastModified, lastAttemptAt, lastSuccessAt, lastStatus, lastError,
                consecutiveFailures, nextFetchAt, unmappedCategories, items, documentHash, List.of());
    }

    /** A source we have never tried. */
    public static SourceState unknown(String sourceId) {
        return new SourceState(sourceId, null, null, null, null, null, 0, null, 0, null, List.of(), 0, null, List.of());
    }
}
