package org.tributary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "unhide", mixinStandardHelpOptions = true, description = "Shows a hidden item again.")
final class UnhideCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ITEM_ID", description = "the item's public id")
    String itemId;

    @Override
    public Integer call() {
        return HideCommand.setHidden(main, itemId, false);
    }
}
