package org.tributary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reject", mixinStandardHelpOptions = true,
        description = "Turns a held item down for good: it stays out even when the partner sends it again "
                + "(through the running serve when there is one).")
final class RejectCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ITEM_ID", description = "the held item's id, as `tributary pending` lists it")
    String itemId;

    @Option(names = "--reason", defaultValue = "", description = "why, for the audit log")
    String reason;

    @Override
    public Integer call() throws Exception {
        return ApproveCommand.decide(main, itemId, false, reason);
    }
}
