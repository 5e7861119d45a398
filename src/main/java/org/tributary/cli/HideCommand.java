package org.tributary.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.store.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "hide", mixinStandardHelpOptions = true,
        description = "Removes an item from every output, for good (through the running serve when there is one).")
final class HideCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ITEM_ID", description = "the item's public id (the last part of its Atom id)")
    String itemId;

    @Option(names = "--reason", defaultValue = "", description = "why, for the audit log")
    String reason;

    @Override
    public Integer call() throws Exception {
        return setHidden(main, itemId, true, reason);
    }

    /**
     * Through the running serve's admin API when one holds the data directory, else in the database directly;
     * either way the action is in the audit log.
     */
    static int setHidden(Main main, String itemId, boolean hidden, String reason) throws Exception {
        String action = hidden ? "hide" : "unhide";
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        Optional<AdminClient> serving = AdminClient.find(main, config, action);
        boolean found;
        if (serving.isPresent()) {
            found = serving.get().hidden(itemId, hidden, reason);
        } else {
            try (Tributary app = main.open(config)) {
                found = app.store.setHidden(itemId, hidden, app.clock.instant());
                if (found) {
                    new AuditLog(app.database).record(app.clock.instant(), action, "item:" + itemId, reason,
                            hidden ? "hidden" : "shown");
                }
            }
        }
        if (!found) {
            main.spec.commandLine().getErr().println(action + ": no item with id " + itemId);
            return Main.BAD_INPUT;
        }
        main.spec.commandLine().getOut().println((hidden ? "hidden: " : "shown again: ") + itemId);
        return Main.OK;
    }
}
