package org.tributary.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.config.Source;
import org.tributary.fetch.FetchRequest;
import org.tributary.fetch.FetchResult;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.parse.FeedParseException;
import org.tributary.parse.ParsedFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates feeds.yml; with --fetch, fetches each source once and reports what it would get.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid (and, with --fetch, every source fetched and parsed)",
                "1:with --fetch, at least one source failed (each is reported)", "2:feeds.yml is invalid or missing"})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--fetch", description = "also fetch and parse every source (stores nothing)")
    boolean fetch;

    @Override
    public Integer call() {
        PrintWriter out = main.spec.commandLine().getOut();
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        out.printf("%s: valid: %d sources, %d topics, types %s%n", main.config, config.sources().size(),
                config.topics().size(), String.join(", ", config.types()));
        int failed = 0;
        if (fetch) {
            try (Tributary.Probe probe = Tributary.probe(config)) {
                for (Source source : config.sources()) {
                    String line = probeLine(probe, source);
                    if (line.startsWith(FAIL)) failed++;
                    out.println(line);
                }
            }
            out.printf("%d of %d sources failed%n", failed, config.sources().size());
        }
        out.flush();
        // Scripts and deployment checks rely on this: any failing source is a failed check.
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    private static final String FAIL = "FAIL  ";

    private static String probeLine(Tributary.Probe probe, Source source) {
        FetchResult result = probe.fetcher().fetch(new FetchRequest(source.id(), source.url(), null, null,
                source.fetchOptions()));
        if (result instanceof FetchResult.Failed f) {
            return String.format(FAIL + "%-28s fetch: %s", source.id(), f.reason());
        }
        if (!(result instanceof FetchResult.Fetched f)) {
            return String.format("ok    %-28s not modified", source.id());
        }
        try {
            ParsedFeed parsed = probe.parser().parse(f.body(), f.contentType(), f.finalUrl(), f.contentLocation());
            NormalizedFeed items = probe.normalizer().normalize(parsed, source);
            String unmapped = items.unmappedCategories().isEmpty() ? ""
                    : "; categories no rule maps: " + String.join(", ", items.unmappedCategories().stream().sorted().toList());
            return String.format("ok    %-28s HTTP %d %s \"%s\": %d items%s", source.id(), f.status(), parsed.format(),
                    parsed.title(), items.items().size(), unmapped);
        } catch (FeedParseException e) {
            return String.format(FAIL + "%-28s parse: %s", source.id(), e.getMessage());
        }
    }
}
