package org.tributary.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.store.AuditLog;
import org.tributary.store.Moderation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Publishes an item held by moderation: hold, under its own date (through the running serve "
                + "when there is one).")
final class ApproveCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ITEM_ID", description = "the held item's id, as `tributary pending` lists it")
    String itemId;

    @Option(names = "--reason", defaultValue = "", description = "why, for the audit log")
    String reason;

    @Override
    public Integer call() throws Exception {
        return decide(main, itemId, true, reason);
    }

    /**
     * Through the running serve's admin API when one holds the data directory, else in the database directly;
     * either way the decision is in the audit log.
     */
    static int decide(Main main, String itemId, boolean approve, String reason) throws Exception {
        String action = approve ? "approve" : "reject";
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        Optional<AdminClient> serving = AdminClient.find(main, config, action);
        boolean found;
        if (serving.isPresent()) {
            found = serving.get().decide(itemId, approve, reason);
        } else {
            try (Tributary app = main.open(config)) {
                Moderation moderation = new Moderation(app.database);
                found = approve ? moderation.approve(itemId, app.clock.instant())
                        : moderation.reject(itemId, app.clock.instant());
                if (found) {
                    new AuditLog(app.database).record(app.clock.instant(), action, "item:" + itemId, reason,
                            approve ? "published" : "rejected");
                }
            }
        }
        if (!found) {
            main.spec.commandLine().getErr().println(action + ": no held item with id " + itemId
                    + " (`tributary pending` lists them)");
            return Main.BAD_INPUT;
        }
        main.spec.commandLine().getOut().println((approve ? "published: " : "rejected for good: ") + itemId);
        return Main.OK;
    }
}
