package org.tributary.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.web.SourceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Table of sources: state, last success, items, next fetch, last error.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        Optional<AdminClient> serving = AdminClient.find(main, config, "status");
        if (serving.isPresent()) {
            main.spec.commandLine().getOut().print(Tables.status(serving.get().status()));
        } else {
            try (Tributary app = main.open(config)) {
                SourceStatus status = new SourceStatus(() -> config, app.store, id -> Optional.empty());
                main.spec.commandLine().getOut().print(Tables.status(status.rows()));
            }
        }
        main.spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
