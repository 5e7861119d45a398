package org.tributary.normalize;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tributary.config.Rule;
import org.tributary.config.Source;

/**
 * A source's default type and topics, then its rules: the first rule that matches sets the type (when it names one)
 * and adds its topics. Categories that no category rule names are reported so an editor can add a rule.
 */
final class Classifier {

    record Result(String type, List<String> topics) {}

    private final Source source;
    private final Set<String> ruledCategories = new LinkedHashSet<>();

    Classifier(Source source) {
        this.source = source;
        for (Rule rule : source.rules()) {
            if (rule.category() != null) ruledCategories.add(key(rule.category()));
        }
    }

    Result classify(String title, URI link, List<String> categories) {
        String type = source.type();
        Set<String> topics = new LinkedHashSet<>(source.topics());
        for (Rule rule : source.rules()) {
            if (matches(rule, title, link, categories)) {
                type = rule.typeIfAny().orElse(type);
                topics.addAll(rule.topics());
                break;
            }
        }
        return new Result(type, List.copyOf(topics));
    }

    boolean isMapped(String category) {
        return ruledCategories.contains(key(category));
    }

    private static boolean matches(Rule rule, String title, URI link, List<String> categories) {
        if (rule.category() != null) {
            String wanted = key(rule.category());
            return categories.stream().anyMatch(c -> key(c).equals(wanted));
        }
        if (rule.title() != null) return rule.title().matcher(title).find();
        return link != null && rule.link().matcher(link.toString()).find();
    }

    private static String key(String category) {
        return category.strip().toLowerCase(Locale.ROOT);
    }
}
