package org.tributary.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads feeds.yml into a {@link Config}, or refuses it with every error found, each at its line and column.
 *
 * <p>The YAML is only composed into nodes, never constructed into objects: nodes keep their positions, repeated
 * keys survive to be reported (a constructed map would keep one silently), and no tag can instantiate a class.
 */
public final class ConfigLoader {

    /** The largest feeds.yml read, in code points: a config of thousands of sources is well under a megabyte. */
    static final int CODE_POINT_LIMIT = 4 << 20;

    /** Reads the file as UTF-8; errors name it as given, so they read like compiler messages from where it ran. */
    public Config load(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            // Read no further than the limit allows: a code point is at most four bytes of UTF-8.
            if (Files.size(file) > 4L * CODE_POINT_LIMIT) {
                throw wholeFile(name, "larger than " + (4L * CODE_POINT_LIMIT >> 20) + " MB; not a feeds.yml");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw wholeFile(name, "no such file");
        } catch (CharacterCodingException e) {
            throw wholeFile(name, "not UTF-8 text");
        } catch (IOException e) {
            throw wholeFile(name, "cannot read: " + e);
        }
        return parse(name, text);
    }

    public Config parse(String fileName, String yamlText) throws ConfigException {
        Problems problems = new Problems(fileName);
        Optional<Config> config = compose(yamlText, problems).flatMap(root -> {
            if (!(root instanceof MappingNode)) {
                problems.atStart("", "expected a mapping with site: and sources:, found " + YamlMap.kind(root));
                return Optional.empty();
            }
            YamlMap top = YamlMap.open(root, "", problems, ConfigReader.TOP_KEYS).orElseThrow();
            return new ConfigReader(problems).read(top);
        });
        if (config.isEmpty()) throw new ConfigException(problems.sorted());
        return config.get();
    }

    private static Optional<Node> compose(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50); // a billion-laughs file is refused, not expanded
        options.setCodePointLimit(CODE_POINT_LIMIT); // the file itself; Aliases bounds what it expands to
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
            Node root = composer.getSingleNode();
            if (root == null || YamlMap.isNull(root)) {
                problems.atStart("", "the file is empty; expected a mapping with site: and sources:");
                return Optional.empty();
            }
            return Aliases.check(root, problems) ? Optional.of(root) : Optional.empty();
        } catch (MarkedYAMLException e) {
            // SnakeYAML phrases context then problem: "while parsing a flow mapping", "expected ',' or '}'".
            String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
            String message = "invalid YAML: " + (e.getContext() == null ? "" : e.getContext() + ", ") + problem;
            if (e.getProblemMark() != null) problems.at(e.getProblemMark(), "", message);
            else problems.atStart("", message);
            return Optional.empty();
        } catch (YAMLException e) {
            problems.atStart("", "invalid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static ConfigException wholeFile(String name, String message) {
        return new ConfigException(List.of(new ConfigError(name, 0, 0, "", message)));
    }
}
