package org.tributary.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "When an item matches, give it this type (and these extra topics)". Exactly one of the three conditions is set.
 *
 * @param category matches an item category, case-insensitively and exactly (after trimming)
 * @param title    a regex searched in the item title
 * @param link     a regex (or plain substring, which is a regex too) searched in the item link
 * @param type     the type to give, null to keep the current one
 * @param topics   topics to add, may be empty
 */
public record Rule(String category, Pattern title, Pattern link, String type, List<String> topics) {

    public Rule {
        int set = (category != null ? 1 : 0) + (title != null ? 1 : 0) + (link != null ? 1 : 0);
        if (set != 1) throw new IllegalArgumentException("a rule needs exactly one of category, title, link");
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public Optional<String> typeIfAny() {
        return Optional.ofNullable(type);
    }
}
