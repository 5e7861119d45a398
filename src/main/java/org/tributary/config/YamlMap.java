package org.tributary.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read against the keys it may have. Unknown and repeated keys are reported when it is opened, so
 * a typo never silently turns into a default. Every getter reports what is wrong at the offending node and returns
 * empty, which lets the caller go on and find the next error.
 */
final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private YamlMap(MappingNode node, String path, Problems problems, List<String> keys) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        Map<String, Node> firstKeys = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.at(keyNode, path, "keys must be plain words, found " + kind(keyNode));
                continue;
            }
            String key = scalar.getValue();
            Node first = firstKeys.putIfAbsent(key, keyNode);
            if (first != null) {
                problems.at(keyNode, path(key), "duplicate key, first at line " + (first.getStartMark().getLine() + 1));
            } else if (!keys.contains(key)) {
                problems.at(keyNode, path(key), "unknown key (expected one of: " + String.join(", ", keys) + ")");
            } else {
                values.put(key, tuple.getValueNode());
            }
        }
    }

    /** Opens {@code node} as a mapping with these keys, or reports that it is something else. */
    static Optional<YamlMap> open(Node node, String path, Problems problems, List<String> keys) {
        if (node instanceof MappingNode mapping) return Optional.of(new YamlMap(mapping, path, problems, keys));
        problems.at(node, path, "expected a mapping, found " + kind(node));
        return Optional.empty();
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value node; a key written with no value ({@code hub:} or {@code hub: ~}) counts as absent. */
    Optional<Node> get(String key) {
        Node value = values.get(key);
        return value == null || isNull(value) ? Optional.empty() : Optional.of(value);
    }

    /** Reports a required key that is absent (at the mapping) or empty (at the value). */
    Optional<Node> require(String key) {
        Node value = values.get(key);
        if (value == null) {
            problems.at(node, path(key), "missing required key");
            return Optional.empty();
        }
        if (isNull(value)) {
            problems.at(value, path(key), "must not be empty");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<String> text(String key) {
        return get(key).flatMap(v -> scalar(v, path(key)));
    }

    Optional<String> requiredText(String key) {
        return require(key).flatMap(v -> scalar(v, path(key)));
    }

    /** A name or title people read: bidi controls removed, with a warning (see {@link BidiControls}). */
    Optional<String> name(String key, boolean required) {
        return (required ? requiredText(key) : text(key)).map(v -> {
            if (!BidiControls.contains(v)) return v;
            warn(key, "bidirectional control characters (U+202A-U+202E, U+2066-U+2069) removed: they would reverse "
                    + "what is shown after it");
            return BidiControls.strip(v);
        });
    }

    Optional<YamlMap> map(String key, List<String> keys) {
        return get(key).flatMap(v -> open(v, path(key), problems, keys));
    }

    Optional<YamlMap> requiredMap(String key, List<String> keys) {
        return require(key).flatMap(v -> open(v, path(key), problems, keys));
    }

    /** The entries of a list, each with its own path ({@code sources[2]}); empty when absent or not a list. */
    List<Entry> list(String key) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) return List.of();
        if (!(value.get() instanceof SequenceNode sequence)) {
            problems.at(value.get(), path(key), "expected a list, found " + kind(value.get()));
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (Node item : sequence.getValue()) entries.add(new Entry(item, path(key) + "[" + entries.size() + "]"));
        return entries;
    }

    /** A list of plain values, each checked by {@code valid}; bad and repeated entries are reported and left out. */
    List<String> texts(String key, Predicate<String> valid, String invalidMessage) {
        return texts(key, text -> valid.test(text) ? Optional.empty() : Optional.of(invalidMessage));
    }

    /** As above, with a message that may depend on the value: {@code problem} is empty for a good one. */
    List<String> texts(String key, Function<String, Optional<String>> problem) {
        List<String> texts = new ArrayList<>();
        for (Entry entry : list(key)) {
            scalar(entry.node(), entry.path()).ifPresent(text -> {
                Optional<String> message = problem.apply(text);
                if (message.isPresent()) problems.at(entry.node(), entry.path(), message.get());
                else if (texts.contains(text)) problems.at(entry.node(), entry.path(), "\"" + text + "\" is listed twice");
                else texts.add(text);
            });
        }
        return texts;
    }

    Optional<URI> url(String key) {
        return text(key).flatMap(text -> url(key, text));
    }

    Optional<URI> requiredUrl(String key) {
        return requiredText(key).flatMap(text -> url(key, text));
    }

    /** A duration of at least {@code min} (which is at least one second, so zero is never accepted). */
    Optional<Duration> duration(String key, Duration min, String minText) {
        return text(key).flatMap(text -> {
            Optional<Duration> duration = Formats.duration(text);
            if (duration.isEmpty()) {
                report(key, "not a duration like 30s, 15m, 6h, 1d or 1h30m");
            } else if (duration.get().isZero()) {
                report(key, "must be positive");
                return Optional.empty();
            } else if (duration.get().compareTo(min) < 0) {
                report(key, "must be at least " + minText);
                return Optional.empty();
            }
            return duration;
        });
    }

    OptionalLong size(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) return OptionalLong.empty();
        OptionalLong size = Formats.size(text.get());
        if (size.isEmpty()) report(key, "not a size like 512KB, 10MB, 1GB or a number of bytes");
        else if (size.getAsLong() < 1) {
            report(key, "must be positive");
            return OptionalLong.empty();
        }
        return size;
    }

    Optional<Integer> integer(String key, int min, int max) {
        return text(key).flatMap(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) return Optional.of(value);
            } catch (NumberFormatException e) {
                // a range message suits a non-number as well
            }
            report(key, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        });
    }

    /** A plain value that must also pass {@code valid}. */
    Optional<String> checked(String key, boolean required, Predicate<String> valid, String invalidMessage) {
        Optional<String> text = required ? requiredText(key) : text(key);
        if (text.isPresent() && !valid.test(text.get())) {
            report(key, invalidMessage);
            return Optional.empty();
        }
        return text;
    }

    /** A value that must be one of the names declared elsewhere in the file (types, topics). */
    Optional<String> declared(String key, Collection<String> declared, String what) {
        return text(key).filter(text -> {
            if (declared.contains(text)) return true;
            report(key, notDeclared(text, declared, what));
            return false;
        });
    }

    static String notDeclared(String text, Collection<String> declared, String what) {
        return "\"" + text + "\" is not a declared " + what + " (declared: " + String.join(", ", declared) + ")";
    }

    /** A warning at the key's value (see {@link Problems#warn}). */
    void warn(String key, String message) {
        problems.warn(values.get(key), path(key), message);
    }

    void report(String key, String message) {
        problems.at(values.get(key), path(key), message);
    }

    /** A URL that is published somewhere (feeds, pages, OPML, /status): one that carries a secret is refused. */
    private Optional<URI> url(String key, String text) {
        Optional<URI> url = privateUrl(key, text);
        Optional<String> secret = url.flatMap(Formats::secretIn);
        if (secret.isPresent()) {
            report(key, secret.get());
            return Optional.empty();
        }
        return url;
    }

    /** A URL that is only ever posted to, never shown (alerts.webhook): it may carry its own credentials. */
    Optional<URI> privateUrl(String key) {
        return text(key).flatMap(text -> privateUrl(key, text));
    }

    private Optional<URI> privateUrl(String key, String text) {
        Optional<URI> url = Formats.httpUrl(text);
        if (url.isEmpty()) report(key, "not an http(s) URL");
        return url;
    }

    private Optional<String> scalar(Node value, String at) {
        if (value instanceof ScalarNode scalar) return Optional.of(scalar.getValue());
        problems.at(value, at, "expected a single value, found " + kind(value));
        return Optional.empty();
    }

    static boolean isNull(Node value) {
        return value instanceof ScalarNode && Tag.NULL.equals(value.getTag());
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        return isNull(node) ? "nothing" : "a single value";
    }

    /** One element of a YAML list and its key path. */
    record Entry(Node node, String path) {
    }
}
