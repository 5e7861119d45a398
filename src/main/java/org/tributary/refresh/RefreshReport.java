package org.tributary.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * How one refresh of one source ended, for logs, the refresh command's table, metrics and alerts.
 *
 * @param status    the HTTP status, 0 when there was no response
 * @param error     one line starting with the stage and source ("parse[wls]: not a feed: HTML page"), null on success;
 *                  for a skipped source, why it was skipped
 * @param bytes     the size of the body received (after decompression), 0 for a 304, a failure or a skip
 * @param health    the source's health afterwards ("ok", "backing-off", "gone"...), or null when unknown
 * @param notBefore no request to the source before this time, or null
 */
public record RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                            long millis, long bytes, String health, Instant notBefore) {

    public RefreshReport {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A report without a body size. */
    public RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                         long millis, String health, Instant notBefore) {
        this(sourceId, outcome, status, added, updated, error, millis, 0, health, notBefore);
    }

    /** A report whose health is not known yet. */
    public RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                         long millis, long bytes) {
        this(sourceId, outcome, status, added, updated, error, millis, bytes, null, null);
    }

    public RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                         long millis) {
        this(sourceId, outcome, status, added, updated, error, millis, 0);
    }

    RefreshReport withHealth(String newHealth, Instant newNotBefore) {
        return new RefreshReport(sourceId, outcome, status, added, updated, error, millis, bytes, newHealth,
                newNotBefore);
    }

    public enum Outcome {
        /**
         * SKIPPED: not due (backing off, rate limited, asked not to be polled yet) or gone; nothing was sent.
         * STORE_FAILED: the store failed (disk full, read-only, database down), not the source: nothing is counted
         * against the source, and its health is left as it was.
         */
        FETCHED, NOT_MODIFIED, FAILED, SKIPPED, STORE_FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
