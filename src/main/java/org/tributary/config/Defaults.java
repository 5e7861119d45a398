package org.tributary.config;

import java.time.Duration;
import java.util.Objects;

/** Values a source takes when it does not say otherwise. */
public record Defaults(Duration every, String type) {
    public Defaults {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(type, "type");
    }
}
