package org.tributary.cli;

import java.util.concurrent.Callable;
import org.tributary.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "hide", mixinStandardHelpOptions = true, description = "Removes an item from every output, for good.")
final class HideCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ITEM_ID", description = "the item's public id (the last part of its Atom id)")
    String itemId;

    @Override
    public Integer call() {
        return setHidden(main, itemId, true);
    }

    static int setHidden(Main main, String itemId, boolean hidden) {
        Config config = main.loadConfig(main.spec.commandLine().getErr());
        if (config == null) return Main.BAD_INPUT;
        try (Tributary app = main.open(config)) {
            if (!app.store.setHidden(itemId, hidden, app.clock.instant())) {
                main.spec.commandLine().getErr().println((hidden ? "hide" : "unhide") + ": no item with id " + itemId);
                return Main.BAD_INPUT;
            }
        }
        main.spec.commandLine().getOut().println((hidden ? "hidden: " : "shown again: ") + itemId);
        return Main.OK;
    }
}
