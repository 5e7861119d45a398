package org.tributary.refresh;

import java.util.Objects;

/**
 * How one refresh of one source ended, for logs, the refresh command's table and metrics.
 *
 * @param status the HTTP status, 0 when there was no response
 * @param error  one line starting with the stage and source ("parse[wls]: not a feed: HTML page"), null on success
 */
public record RefreshReport(String sourceId, Outcome outcome, int status, int added, int updated, String error,
                            long millis) {

    public RefreshReport {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(outcome, "outcome");
    }

    public enum Outcome {
        FETCHED, NOT_MODIFIED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
