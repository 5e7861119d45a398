package org.tributary.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
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
    public Integer call() {
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
        try (Tributary app = main.open(config)) {
            for (String id : ids) {
                boolean had = app.store.health().reset(id);
                out.println(had ? "reset: " + id + " is due at its next scheduled fetch" : "reset: " + id + " had no state");
            }
        }
        out.flush();
        return Main.OK;
    }
}
