package org.tributary.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tributary.config.Config;
import org.tributary.config.Source;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.SourceState;
import org.tributary.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Fetches the named (default: all) sources now, once; a line per source, then a summary. "
                + "With --export, then writes the static site as `export` does, in the same run.")
final class RefreshCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "source ids (default: all)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "8", description = "sources fetched at the same time (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--export", paramLabel = "DIR",
            description = "then write every published document into DIR, as `export --out DIR` does (one start-up for both)")
    Path export;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.spec.commandLine().getOut();
        PrintWriter err = main.spec.commandLine().getErr();
        Config config = main.loadConfig(err);
        if (config == null) return Main.BAD_INPUT;
        List<Source> sources = new ArrayList<>();
        for (String id : ids) {
            if (config.source(id).isEmpty()) {
                err.println("refresh: no source with id '" + id + "' in " + main.config);
                return Main.BAD_INPUT;
            }
            sources.add(config.source(id).get());
        }
        if (ids.isEmpty()) sources.addAll(config.sources());
        List<RefreshReport> reports = new ArrayList<>();
        int exported = 0;
        Progress progress = new Progress(out, sources.size(), System.console() != null);
        Optional<AdminClient> serving = AdminClient.find(main, config, "refresh");
        if (serving.isPresent()) {
            // The running serve fetches; one source at a time, since each answer waits for its fetch.
            progress.started();
            for (Source s : sources) {
                Optional<RefreshReport> r = serving.get().refresh(s.id());
                if (r.isEmpty()) {
                    progress.done();
                    err.println("refresh: the running serve has no source with id '" + s.id() + "' (is its "
                            + "feeds.yml older?)");
                    return Main.BAD_INPUT;
                }
                reports.add(progress.finished(r.get()));
            }
            if (export != null) exported = serving.get().export(export.toAbsolutePath());
        } else try (Tributary app = main.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                List<Future<RefreshReport>> futures = new ArrayList<>();
                Map<String, SourceState> states = statesOrNull(app);
                for (Source s : sources) {
                    SourceState state = states == null ? null
                            : states.getOrDefault(s.id(), SourceState.unknown(s.id()));
                    futures.add(pool.submit(() -> progress.finished(app.refresher.refresh(s, state))));
                }
                progress.started();
                for (Future<RefreshReport> f : futures) reports.add(f.get());
            } finally {
                pool.shutdown();
            }
            if (export != null) exported = ExportCommand.writeAll(app, config, export.toAbsolutePath());
        }
        progress.done();
        out.println();
        out.print(Tables.refreshSummary(reports));
        if (export != null) out.println(ExportCommand.summary(exported, export));
        out.flush();
        return Main.OK;
    }

    /**
     * Every source's row in one query, so that a refresh of many sources does not read them one by one; null when
     * the store fails, and then each refresh reads its own row and reports the store's failure as its outcome.
     */
    private static Map<String, SourceState> statesOrNull(Tributary app) {
        try {
            return app.store.states();
        } catch (RuntimeException e) {
            if (Store.isStoreFailure(e)) return null;
            throw e;
        }
    }

    /**
     * A line per source as it finishes. On a terminal, a last line that is rewritten in place says how far along
     * the run is; piped or redirected, there are only the plain lines (no control characters in a log file).
     */
    static final class Progress {
        private final PrintWriter out;
        private final int total;
        private final boolean terminal;
        private int finished;

        Progress(PrintWriter out, int total, boolean terminal) {
            this.out = out;
            this.total = total;
            this.terminal = terminal;
        }

        synchronized void started() {
            status();
        }

        synchronized RefreshReport finished(RefreshReport r) {
            finished++;
            if (terminal) out.print("\r\033[K");
            out.println(Tables.refreshLine(r));
            status();
            return r;
        }

        synchronized void done() {
            if (terminal) out.print("\r\033[K");
            out.flush();
        }

        private void status() {
            if (terminal) out.printf("\r\033[K  %d/%d sources done…", finished, total);
            out.flush();
        }
    }
}
