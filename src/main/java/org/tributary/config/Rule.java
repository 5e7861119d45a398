package org.tributary.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "When an item matches, do this": give it a type and extra topics ({@link Action#CLASSIFY}), keep it out of every
 * output ({@link Action#DROP}), or let it through a source whose keep rules say "only these" ({@link Action#KEEP}).
 * Exactly one of the four conditions is set.
 *
 * @param category matches an item category, case-insensitively and exactly (after trimming)
 * @param title    a regex searched in the item title
 * @param link     a regex (or plain substring, which is a regex too) searched in the item link
 * @param text     a regex searched in the title and the plain text of the summary and content
 * @param action   what a match does
 * @param type     the type to give, null to keep the current one (always null on a drop rule)
 * @param topics   topics to add, may be empty (always empty on a drop rule)
 */
public record Rule(String category, Pattern title, Pattern link, Pattern text, Action action, String type,
                   List<String> topics) {

    /** What a matching rule does to an item. */
    public enum Action {
        CLASSIFY, DROP, KEEP
    }

    public Rule {
        int set = (category != null ? 1 : 0) + (title != null ? 1 : 0) + (link != null ? 1 : 0) + (text != null ? 1 : 0);
        if (set != 1) throw new IllegalArgumentException("a rule needs exactly one of category, title, link, text");
        Objects.requireNonNull(action, "action");
        topics = topics == null ? List.of() : List.copyOf(topics);
        if (action == Action.DROP && (type != null || !topics.isEmpty())) {
            throw new IllegalArgumentException("a drop rule gives no type or topics");
        }
    }

    /** A classifying rule on category, title or link. */
    public Rule(String category, Pattern title, Pattern link, String type, List<String> topics) {
        this(category, title, link, null, Action.CLASSIFY, type, topics);
    }

    public Optional<String> typeIfAny() {
        return Optional.ofNullable(type);
    }

    /** True when a match sets a type or adds topics. */
    public boolean classifies() {
        return type != null || !topics.isEmpty();
    }
}
