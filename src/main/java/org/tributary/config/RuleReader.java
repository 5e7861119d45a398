package org.tributary.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rule lists (a source's {@code rules:} and the top-level {@code filters:}): one condition, an action, and what
 * a classifying rule gives. Every regex is compiled here, so a bad one is a config error at its line, never a
 * surprise at fetch time.
 */
final class RuleReader {

    static final List<String> RULE_KEYS = List.of("when", "action", "type", "topics");
    static final List<String> WHEN_KEYS = List.of("category", "title", "link", "text");

    private final Problems problems;
    private final List<String> types;
    private final Collection<String> topicIds;

    RuleReader(Problems problems, List<String> types, Collection<String> topicIds) {
        this.problems = problems;
        this.types = types;
        this.topicIds = topicIds;
    }

    /** The clean rules of the list at {@code key} of {@code m}, in order; bad ones are reported and left out. */
    List<Rule> read(YamlMap m, String key) {
        List<Rule> rules = new ArrayList<>();
        for (YamlMap.Entry entry : m.list(key)) {
            YamlMap.open(entry.node(), entry.path(), problems, RULE_KEYS).map(this::rule).ifPresent(rules::add);
        }
        return rules;
    }

    /** Topic ids, each declared in {@code topics:}. */
    List<String> topics(YamlMap m) {
        return m.texts("topics", topic -> !Formats.id(topic) ? Optional.of(ConfigReader.ID_MESSAGE)
                : topicIds.contains(topic) ? Optional.empty()
                : Optional.of(YamlMap.notDeclared(topic, topicIds, "topic")));
    }

    private Rule rule(YamlMap m) {
        int before = problems.count();
        Optional<YamlMap> when = m.requiredMap("when", WHEN_KEYS);
        Optional<String> category = when.flatMap(w -> w.text("category"));
        Optional<Pattern> title = when.flatMap(w -> regex(w, "title"));
        Optional<Pattern> link = when.flatMap(w -> regex(w, "link"));
        Optional<Pattern> text = when.flatMap(w -> regex(w, "text"));
        when.ifPresent(w -> {
            long conditions = WHEN_KEYS.stream().filter(k -> w.get(k).isPresent()).count();
            if (conditions != 1) problems.at(w.node(), w.path(), "needs exactly one of category, title, link, text");
        });
        Optional<Rule.Action> action = m.checked("action", false,
                        a -> a.equals("classify") || a.equals("drop") || a.equals("keep"),
                        "must be classify, drop or keep")
                .map(a -> Rule.Action.valueOf(a.toUpperCase(java.util.Locale.ROOT)));
        Optional<String> type = m.declared("type", types, "type");
        List<String> topics = topics(m);
        boolean gives = m.get("type").isPresent() || m.get("topics").isPresent();
        Rule.Action doing = action.orElse(Rule.Action.CLASSIFY);
        boolean actionGiven = m.get("action").isPresent();
        if (actionGiven && action.isEmpty()) {
            // already reported: what the rule should give depends on an action we could not read
        } else if (doing == Rule.Action.CLASSIFY && !gives && !actionGiven) {
            problems.at(m.node(), m.path(), "a rule needs a type or topics to give, or an action (drop or keep)");
        } else if (doing == Rule.Action.CLASSIFY && !gives) {
            problems.at(m.node(), m.path(), "a classify rule needs a type or topics to give");
        } else if (doing == Rule.Action.DROP && gives) {
            problems.at(m.node(), m.path(), "a drop rule gives no type or topics (the item is not published)");
        }
        return problems.build(before, m.node(), m.path(), () -> new Rule(category.orElse(null), title.orElse(null),
                link.orElse(null), text.orElse(null), doing, type.orElse(null), topics));
    }

    private Optional<Pattern> regex(YamlMap when, String key) {
        return when.text(key).flatMap(text -> {
            try {
                return Optional.of(Pattern.compile(text));
            } catch (PatternSyntaxException e) {
                when.report(key, "not a valid regex: " + e.getDescription() + " near index " + e.getIndex());
                return Optional.empty();
            }
        });
    }
}
