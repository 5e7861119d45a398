package org.tributary.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the errors of one load, so the user sees all of them at once instead of fixing one per run. */
final class Problems {

    private static final org.slf4j.Logger WARNINGS = org.slf4j.LoggerFactory.getLogger(Problems.class);

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String key, String message) {
        at(node.getStartMark(), key, message);
    }

    /** SnakeYAML marks are 0-based; people and editors count from 1. */
    void at(Mark mark, String key, String message) {
        errors.add(new ConfigError(file, mark.getLine() + 1, mark.getColumn() + 1, key, message));
    }

    void atStart(String key, String message) {
        errors.add(new ConfigError(file, 1, 1, key, message));
    }

    /**
     * Something the config may say but that does not do all it asks (a site.language no page words are bundled
     * for): logged as a warning in the same form as an error, never counted, so the config still loads.
     */
    void warn(Node node, String key, String message) {
        Mark mark = node.getStartMark();
        WARNINGS.warn("{}", new ConfigError(file, mark.getLine() + 1, mark.getColumn() + 1, key, message));
    }

    int count() {
        return errors.size();
    }

    /**
     * Builds a record only when nothing was reported since {@code before}. The records validate themselves too;
     * should one still refuse, that becomes an error at the node rather than an exception from the loader.
     */
    <T> T build(int before, Node node, String key, Supplier<T> record) {
        if (errors.size() > before) return null;
        try {
            return record.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            at(node, key, String.valueOf(e.getMessage()));
            return null;
        }
    }

    /** In file order, the way an editor lists them. */
    List<ConfigError> sorted() {
        return errors.stream()
                .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
                .toList();
    }
}
