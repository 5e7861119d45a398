package org.tributary.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the version, the git commit it was built from and the Java runtime (as --version).")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = main.spec.commandLine().getOut();
        for (String line : BuildInfo.current().lines()) out.println(line);
        out.flush();
        return Main.OK;
    }
}
