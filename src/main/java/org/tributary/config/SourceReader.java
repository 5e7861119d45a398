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
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code sources:} and their rules, checking every type and topic they name against the declared ones. */
final class SourceReader {

    private static final List<String> SOURCE_KEYS =
            List.of("id", "title", "url", "home", "kind", "type", "topics", "every", "owner", "rules", "fetch",
                    "identity", "timezone", "allow_old_dates", "hide_past_events", "keep_items", "max_age",
                    "moderation");
    private static final List<String> FETCH_OPTION_KEYS = List.of("tls_ca", "tls_pin", "adaptive");

    private final Problems problems;
    private final List<String> types;
    private final Defaults defaults;
    private final RuleReader rules;

    SourceReader(Problems problems, List<String> types, Collection<String> topicIds, Defaults defaults) {
        this.problems = problems;
        this.types = types;
        this.defaults = defaults;
        this.rules = new RuleReader(problems, types, topicIds);
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
        Optional<String> title = m.name("title", true);
        Optional<URI> url = m.requiredUrl("url");
        Optional<URI> home = m.url("home");
        Optional<Source.Kind> kind = kind(m);
        Optional<String> type = m.declared("type", types, "type");
        List<String> topics = topics(m);
        Duration every = m.duration("every", ConfigReader.MIN_EVERY, "1m").orElse(defaults.every());
        Optional<String> owner = m.checked("owner", false, Formats::email, ConfigReader.EMAIL_MESSAGE);
        List<Rule> rules = this.rules.read(m, "rules");
        ItemOptions itemOptions = ItemOptionsReader.read(m, defaults.hold());
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
        return rules.topics(m);
    }
}
