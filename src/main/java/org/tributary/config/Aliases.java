package org.tributary.config;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The limits on what YAML aliases may repeat. An alias is the same node met again, so a file of a few megabytes can
 * stand for gigabytes of text (300 aliases of a 1 MB title, and every page that shows the title holds 300 MB).
 * SnakeYAML bounds aliases of collections; this bounds the rest: an alias may repeat a short text only, and the file,
 * aliases expanded, may hold only so much text.
 */
final class Aliases {

    /** The longest text an alias may repeat: enough for a shared title or description, not for a bomb. */
    static final int MAX_REPEATED_CHARS = 1_000;
    /** The most text the expanded file may hold. */
    static final long MAX_EXPANDED_CHARS = 4L << 20;

    private final Problems problems;
    /** Every node met, and the repeated texts already reported (once each, naming the first alias). */
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    private long expanded;
    private boolean tooLarge;

    private Aliases(Problems problems) {
        this.problems = problems;
    }

    /** Reports every alias of a long text, and a file whose expansion holds too much text; true when it is fine. */
    static boolean check(Node root, Problems problems) {
        int before = problems.count();
        Aliases aliases = new Aliases(problems);
        aliases.walk(root, "");
        return problems.count() == before;
    }

    private void walk(Node node, String path) {
        boolean again = !seen.add(node);
        if (node instanceof ScalarNode scalar) {
            int length = scalar.getValue().length();
            if (again && length > MAX_REPEATED_CHARS) {
                if (reported.add(node)) {
                    problems.at(node, path, "an alias repeats this text of " + length + " characters; aliases may "
                            + "repeat at most " + MAX_REPEATED_CHARS + " (write the text out, or shorten it)");
                }
                return;
            }
            expanded += length;
            if (expanded > MAX_EXPANDED_CHARS && !tooLarge) {
                tooLarge = true;
                problems.at(node, path, "with its aliases expanded the file holds more than " + MAX_EXPANDED_CHARS
                        + " characters of text");
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                String name = key instanceof ScalarNode s ? s.getValue() : "?";
                walk(key, path);
                walk(tuple.getValueNode(), path.isEmpty() ? name : path + "." + name);
            }
        } else if (node instanceof SequenceNode sequence) {
            int i = 0;
            for (Node item : sequence.getValue()) walk(item, path + "[" + i++ + "]");
        }
    }
}
