package org.tributary.store;

/**
 * An operator's hand on a source's health. The health itself is read with the rest of the row ({@link
 * Store#state}, {@link SourceState#health}) and written with the outcome of each fetch.
 */
public final class HealthStore {

    private final Jdbc jdbc;

    HealthStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An operator's "try again": forgets gone, backoff, rate limits, failures, a learnt move (a feed that still
     * redirects permanently is learnt again) and the last document's fingerprint (the next 200 is read in full even
     * if it is the same). False when the source has no row.
     */
    public boolean reset(String sourceId) {
        return jdbc.inTransaction(c -> SourceStates.reset(c, sourceId));
    }
}
