package org.tributary.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tributary.config.Config;
import org.tributary.config.Source;
import org.tributary.refresh.RefreshReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Fetches the named (default: all) sources now, once; a line per source, then a summary.")
final class RefreshCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "source ids (default: all)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "8", description = "sources fetched at the same time (default: ${DEFAULT-VALUE})")
    int threads;

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
        try (Tributary app = main.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                List<Future<RefreshReport>> futures = new ArrayList<>();
                for (Source s : sources) futures.add(pool.submit(() -> progress(out, app.refresher.refresh(s))));
                for (Future<RefreshReport> f : futures) reports.add(f.get());
            } finally {
                pool.shutdown();
            }
        }
        out.println();
        out.print(Tables.refreshSummary(reports));
        out.flush();
        return Main.OK;
    }

    private static RefreshReport progress(PrintWriter out, RefreshReport r) {
        synchronized (out) {
            out.println(Tables.refreshLine(r));
            out.flush();
        }
        return r;
    }
}
