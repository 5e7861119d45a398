package org.tributary.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.store.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Makes sources due again: forgets gone (410), backoff, rate limits, failure counts and a learnt "
                + "move (a feed that still redirects permanently is learnt again) and the last document's fingerprint. "
                + "Items and validators stay.")
final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "source ids")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.spec.commandLine().getOut();
        PrintWriter err = main.spec.commandLine().getErr();
        Config config = main.loadConfig(err);
        if (config == null) return Main.BAD_INPUT;
        for (String id : ids) {
            if (config.source(id).isEmpty()) {
                err.println("reset: no source with id '" + id + "' in " + main.config);
                return Main.BAD_INPUT;
            }
        }
        Optional<AdminClient> serving = AdminClient.find(main, config, "reset");
        if (serving.isPresent()) {
            for (String id : ids) {
                Optional<Boolean> had = serving.get().reset(id);
                if (had.isEmpty()) {
                    err.println("reset: the running serve has no source with id '" + id + "' (is its feeds.yml older?)");
                    return Main.BAD_INPUT;
                }
                out.println(message(id, had.get()));
            }
        } else {
            try (Tributary app = main.open(config)) {
                AuditLog audit = new AuditLog(app.database);
                for (String id : ids) {
                    boolean had = app.store.resetHealth(id);
                    audit.record(app.clock.instant(), "reset", "source:" + id, "", had ? "reset" : "had no state");
                    out.println(message(id, had));
                }
            }
        }
        out.flush();
        return Main.OK;
    }

    private static String message(String id, boolean had) {
        return had ? "reset: " + id + " is due at its next scheduled fetch" : "reset: " + id + " had no state";
    }
}
