package org.tributary.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Values a source takes when it does not say otherwise.
 *
 * @param hold {@code moderation: hold}: new items of every source that does not say {@code moderation: publish}
 *             wait for an editor's approval
 */
public record Defaults(Duration every, String type, boolean hold) {
    public Defaults {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(type, "type");
    }

    /** Defaults that publish new items at once. */
    public Defaults(Duration every, String type) {
        this(every, type, false);
    }
}
