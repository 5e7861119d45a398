package org.tributary.refresh;

import java.util.Objects;

/**
 * How one refresh of one source ended, for logs, the refresh command's table, metrics and alerts.
 *
 * @param status the HTTP status, 0 when there was no response
 * @param error  one line starting with the stage and source ("parse[wls]: not a feed: HTML page"), null on success
 * @param bytes  the size of the body received (after decompression), 0 for a 304 or a failure
 */
public record RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                            long millis, long bytes) {

    public RefreshReport {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A report without a body size. */
    public RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                         long millis) {
        this(sourceId, outcome, status, added, updated, error, millis, 0);
    }

    public enum Outcome {
        FETCHED, NOT_MODIFIED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
