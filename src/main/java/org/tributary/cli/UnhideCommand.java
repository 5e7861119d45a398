package org.tributary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "unhide", mixinStandardHelpOptions = true,
        description = "Shows a hidden item again (through the running serve when there is one).")
final class UnhideCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ITEM_ID", description = "the item's public id")
    String itemId;

    @Option(names = "--reason", defaultValue = "", description = "why, for the audit log")
    String reason;

    @Override
    public Integer call() throws Exception {
        return HideCommand.setHidden(main, itemId, false, reason);
    }
}
