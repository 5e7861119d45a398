package org.tributary.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import-opml", mixinStandardHelpOptions = true,
        description = "Prints sources: entries for feeds.yml from an OPML file (ids from titles, unique against the "
                + "config; URLs already configured are skipped). Append them under sources:.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:entries printed (outlines left out are listed on stderr)",
                "2:bad OPML, a bad option, or feeds.yml is invalid or missing"})
final class ImportOpmlCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", description = "the OPML file")
    Path file;

    @Option(names = "--topic", paramLabel = "ID", description = "a declared topic to give every entry")
    String topic;

    @Option(names = "--kind", paramLabel = "KIND", description = "partner | library")
    String kind;

    @Option(names = "--type", paramLabel = "TYPE", description = "a declared type to give every entry")
    String type;

    @Override
    public Integer call() {
        PrintWriter out = main.spec.commandLine().getOut();
        PrintWriter err = main.spec.commandLine().getErr();
        Config config = main.loadConfig(err);
        if (config == null) return Main.BAD_INPUT;
        String bad = badOption(config);
        if (bad != null) {
            err.println("import-opml: " + bad);
            return Main.BAD_INPUT;
        }
        OpmlImport.Result result;
        try {
            result = new OpmlImport(config, topic, kind, type).run(file);
        } catch (OpmlImport.BadOpml e) {
            err.println(e.getMessage());
            return Main.BAD_INPUT;
        }
        out.println("  # " + result.entries().size() + " sources from " + file.getFileName()
                + (result.skipped().isEmpty() ? "" : " (" + result.skipped().size() + " left out, see stderr)"));
        result.entries().forEach(out::print);
        result.skipped().forEach(s -> err.println("left out: " + s));
        out.flush();
        err.flush();
        return Main.OK;
    }

    private String badOption(Config config) {
        if (kind != null && !kind.equals("partner") && !kind.equals("library")) {
            return "--kind must be partner or library, not \"" + kind + "\"";
        }
        if (type != null && !config.types().contains(type)) {
            return "--type \"" + type + "\" is not a declared type (declared: " + String.join(", ", config.types()) + ")";
        }
        if (topic != null && config.topic(topic).isEmpty()) {
            return "--topic \"" + topic + "\" is not a declared topic (declared: "
                    + String.join(", ", config.topics().stream().map(Topic::id).toList()) + ")";
        }
        return null;
    }
}
