package org.tributary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.publish.FeedFormat;
import org.tributary.publish.FeedView;
import org.tributary.store.ItemQuery;
import org.tributary.store.StoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes every published document as static files for any web server.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write into (created if missing)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = main.spec.commandLine().getErr();
        Config config = main.loadConfig(err);
        if (config == null) return Main.BAD_INPUT;
        int files = 0;
        try (Tributary app = main.open(config)) {
            int limit = config.site().items();
            List<StoredItem> all = app.store.items(ItemQuery.newest(limit));
            files += writeView(app, FeedView.merged(config.site(), config.topics(), "", all, config.sourcesById()), out);
            for (Topic topic : config.topics()) {
                List<StoredItem> items = app.store.items(new ItemQuery(Set.of(), Set.of(topic.id()), Set.of(), limit));
                FeedView view = FeedView.ofTopic(config.site(), topic, config.topics(), "", items,
                        config.sourcesById());
                files += writeView(app, view, out.resolve("topics").resolve(topic.id()));
            }
            write(out.resolve("sources.opml"), app.publisher.opml(config.site(), config.sources()));
            write(out.resolve("assets").resolve("style.css"), app.publisher.css());
            files += 2;
        }
        main.spec.commandLine().getOut().println("export: wrote " + files + " files to " + out);
        return Main.OK;
    }

    private static int writeView(Tributary app, FeedView view, Path dir) throws IOException {
        write(dir.resolve("index.html"), app.publisher.html(view));
        for (FeedFormat format : FeedFormat.values()) {
            write(dir.resolve("feed." + format.extension()), app.publisher.feed(view, format));
        }
        return 1 + FeedFormat.values().length;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        // Replace atomically so a web server never serves half a file.
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
