package org.tributary.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.store.Moderation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "pending", mixinStandardHelpOptions = true,
        description = "Lists the items held by moderation: hold, oldest first, for `approve` or `reject` "
                + "(through the running serve when there is one).")
final class PendingCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--limit", defaultValue = "200", description = "at most this many (1-200; default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 200) {
            main.spec.commandLine().getErr().println("pending: --limit must be from 1 to 200");
            return Main.BAD_INPUT;
        }
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        Optional<AdminClient> serving = AdminClient.find(main, config, "pending");
        List<Moderation.Held> held;
        if (serving.isPresent()) {
            held = serving.get().pending(limit);
        } else {
            try (Tributary app = main.open(config)) {
                held = new Moderation(app.database).pending(limit);
            }
        }
        main.spec.commandLine().getOut().print(Tables.pending(held));
        main.spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
