package org.tributary.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code sources:} and their rules, checking every type and topic they name against the declared ones. */
final class SourceReader {

    private static final List<String> SOURCE_KEYS =
            List.of("id", "title", "url", "home", "kind", "type", "topics", "every", "owner", "rules", "fetch",
                    "identity", "timezone", "allow_old_dates", "hide_past_events", "keep_items", "max_age");
    private static final List<String> FETCH_OPTION_KEYS = List.of("tls_ca", "tls_pin", "adaptive");
    private static final List<String> RULE_KEYS = List.of("when", "type", "topics");
    private static final List<String> WHEN_KEYS = List.of("category", "title", "link");

    private final Problems problems;
    private final List<String> types;
    private final Collection<String> topicIds;
    private final Defaults defaults;

    SourceReader(Problems problems, List<String> types, Collection<String> topicIds, Defaults defaults) {
        this.problems = problems;
        this.types = types;
        this.topicIds = topicIds;
        this.defaults = defaults;
    }

    List<Source> read(YamlMap top) {
        List<Source> sources = new ArrayList<>();
        Map<String, Node> firstId = new HashMap<>();
        for (YamlMap.Entry entry : top.list("sources")) {
            YamlMap.open(entry.node(), entry.path(), problems, SOURCE_KEYS).ifPresent(m -> {
                Source source = source(m, firstId);
                if (source != null) sources.add(source);
            });
        }
        return sources;
    }

    private Source source(YamlMap m, Map<String, Node> firstId) {
        int before = problems.count();
        Optional<String> id = m.checked("id", true, Formats::id, ConfigReader.ID_MESSAGE);
        id.ifPresent(value -> {
            Node first = firstId.putIfAbsent(value, m.get("id").orElseThrow());
            if (first != null) {
                m.report("id", "duplicate source id \"" + value + "\", first at line " + ConfigReader.line(first));
            }
        });
        Optional<String> title = m.requiredText("title");
        Optional<URI> url = m.requiredUrl("url");
        Optional<URI> home = m.url("home");
        Optional<Source.Kind> kind = kind(m);
        Optional<String> type = m.declared("type", types, "type");
        List<String> topics = topics(m);
        Duration every = m.duration("every", ConfigReader.MIN_EVERY, "1m").orElse(defaults.every());
        Optional<String> owner = m.checked("owner", false, Formats::email, ConfigReader.EMAIL_MESSAGE);
        List<Rule> rules = new ArrayList<>();
        for (YamlMap.Entry entry : m.list("rules")) {
            YamlMap.open(entry.node(), entry.path(), problems, RULE_KEYS).map(this::rule).ifPresent(rules::add);
        }
        ItemOptions itemOptions = ItemOptionsReader.read(m);
        FetchOptions fetch = m.map("fetch", FETCH_OPTION_KEYS).map(this::fetchOptions).orElse(FetchOptions.DEFAULTS);
        return problems.build(before, m.node(), m.path(), () -> new Source(id.orElseThrow(), title.orElseThrow(),
                url.orElseThrow(), home.orElse(null), kind.orElse(Source.Kind.PARTNER), type.orElse(defaults.type()),
                topics, every, owner.orElse(null), rules, fetch, itemOptions));
    }

    /** A source's own fetch options; a broken one is reported and the defaults stand in so checking goes on. */
    private FetchOptions fetchOptions(YamlMap m) {
        int before = problems.count();
        Optional<Path> ca = m.text("tls_ca").flatMap(text -> {
            Path path = Path.of(text);
            if (Files.isReadable(path) && Files.isRegularFile(path)) return Optional.of(path);
            m.report("tls_ca", "no readable file " + text + " (a PEM file of CA certificates)");
            return Optional.empty();
        });
        Optional<String> pin = m.checked("tls_pin", false, p -> FetchOptions.PIN.matcher(p).matches(),
                "not a public-key pin like sha256/ followed by 44 characters of base64");
        if (ca.isPresent() && pin.isPresent()) m.report("tls_pin", "give tls_ca or tls_pin, not both");
        Optional<String> adaptive = m.checked("adaptive", false, a -> a.equals("true") || a.equals("false"),
                "must be true or false");
        FetchOptions options = problems.build(before, m.node(), m.path(),
                () -> new FetchOptions(ca.orElse(null), pin.orElse(null), adaptive.map(Boolean::parseBoolean).orElse(false)));
        return options == null ? FetchOptions.DEFAULTS : options;
    }

    private Optional<Source.Kind> kind(YamlMap m) {
        return m.checked("kind", false, k -> k.equals("partner") || k.equals("library"), "must be partner or library")
                .map(k -> Source.Kind.valueOf(k.toUpperCase(Locale.ROOT)));
    }

    private List<String> topics(YamlMap m) {
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
        when.ifPresent(w -> {
            long conditions = WHEN_KEYS.stream().filter(k -> w.get(k).isPresent()).count();
            if (conditions != 1) problems.at(w.node(), w.path(), "needs exactly one of category, title, link");
        });
        Optional<String> type = m.declared("type", types, "type");
        List<String> topics = topics(m);
        if (m.get("type").isEmpty() && m.get("topics").isEmpty()) {
            problems.at(m.node(), m.path(), "a rule needs a type or topics to give");
        }
        return problems.build(before, m.node(), m.path(), () -> new Rule(category.orElse(null), title.orElse(null),
                link.orElse(null), type.orElse(null), topics));
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
