package org.tributary.normalize;

import java.util.Objects;

/**
 * A stored item as the normalizer needs to know it to skip its entry: the public id it was stored under and its
 * identity (so that a later entry with the same identity in the same document is still taken for a duplicate).
 */
public record KnownEntry(String publicId, String identity) {
    public KnownEntry {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(identity, "identity");
    }
}
