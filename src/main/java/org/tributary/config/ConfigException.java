package org.tributary.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * feeds.yml was refused. Checked because a bad config is an expected outcome that every caller must decide about
 * (the CLI exits 2, a reload keeps the old config and shows these errors). Carries every error found, in file order.
 */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one error");
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
