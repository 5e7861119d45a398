package org.tributary.store;

/** What one successful fetch did to the store. */
public record SaveResult(int added, int updated, int unchanged) {
    public boolean changedAnything() {
        return added > 0 || updated > 0;
    }
}
