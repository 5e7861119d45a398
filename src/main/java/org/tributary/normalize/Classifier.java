package org.tributary.normalize;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tributary.config.Rule;
import org.tributary.config.Source;

/**
 * A source's default type and topics, then its rules (the top-level filters first, then its own), read for two
 * decisions. Whether the item is published: the first drop or keep rule that matches decides; when none matches, it
 * is published unless the source has keep rules ("only what a keep rule matches"). Its type and topics: the first
 * matching rule that gives a type or topics sets the type (when it names one) and adds its topics. Categories that no
 * category rule names are reported so an editor can add a rule.
 */
final class Classifier {

    record Result(String type, List<String> topics, boolean published) {}

    private final Source source;
    private final Set<String> ruledCategories = new LinkedHashSet<>();
    private final boolean onlyKept;

    Classifier(Source source) {
        this.source = source;
        boolean keeps = false;
        for (Rule rule : source.rules()) {
            if (rule.category() != null) ruledCategories.add(key(rule.category()));
            keeps |= rule.action() == Rule.Action.KEEP;
        }
        this.onlyKept = keeps;
    }

    /**
     * @param text the title and plain text a {@code when.text} rule searches; asked for only when one is read
     * @throws RuleText.TooCostly when a rule's regex backtracks past its budget on this item
     */
    Result classify(String title, Supplier<String> text, URI link, List<String> categories) {
        String type = source.type();
        Set<String> topics = new LinkedHashSet<>(source.topics());
        Boolean verdict = null;
        boolean classified = false;
        String searched = null;
        for (Rule rule : source.rules()) {
            boolean decides = verdict == null && rule.action() != Rule.Action.CLASSIFY;
            boolean gives = !classified && rule.classifies();
            if (!decides && !gives) continue;
            if (rule.text() != null && searched == null) searched = text.get();
            if (!matches(rule, title, searched, link, categories)) continue;
            if (decides) verdict = rule.action() == Rule.Action.KEEP;
            if (gives) {
                type = rule.typeIfAny().orElse(type);
                topics.addAll(rule.topics());
                classified = true;
            }
            if (Boolean.FALSE.equals(verdict) || (verdict != null && classified)) break;
        }
        boolean published = verdict != null ? verdict : !onlyKept;
        return new Result(type, List.copyOf(topics), published);
    }

    boolean isMapped(String category) {
        return ruledCategories.contains(key(category));
    }

    private static boolean matches(Rule rule, String title, String text, URI link, List<String> categories) {
        if (rule.category() != null) {
            String wanted = key(rule.category());
            return categories.stream().anyMatch(c -> key(c).equals(wanted));
        }
        if (rule.title() != null) return find(rule.title(), title);
        if (rule.text() != null) return find(rule.text(), text);
        return link != null && find(rule.link(), link.toString());
    }

    private static boolean find(Pattern pattern, String in) {
        return pattern.matcher(RuleText.of(in)).find();
    }

    private static String key(String category) {
        return category.strip().toLowerCase(Locale.ROOT);
    }
}
