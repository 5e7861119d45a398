package org.tributary.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tributary.store.Backups;
import org.tributary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Restores a backup into an empty data directory, never over a database: restoring is a deliberate act, done
 * into a fresh directory that the operator then points serve at (or moves into place).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores a backup made by `backup` into an EMPTY data directory (--data).")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "a backup file made by `backup`")
    Path from;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.spec.commandLine().getOut();
        PrintWriter err = main.spec.commandLine().getErr();
        if (main.environment().dbUrl() != null) {
            err.println("restore: TRIBUTARY_DB_URL is set: restore that database with its own tools "
                    + "(PostgreSQL: pg_restore, see docs/operations.md)");
            return Main.BAD_INPUT;
        }
        if (!Files.isRegularFile(from)) {
            err.println("restore: " + from + ": no such file");
            return Main.BAD_INPUT;
        }
        Path data = main.data.toAbsolutePath();
        if (!isEmptyDirectory(data)) {
            err.println("restore: " + data + " is not empty; restore only into an empty (or new) data directory");
            return Main.BAD_INPUT;
        }
        try {
            Backups.restore(from, data);
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return Main.BAD_INPUT;
        }
        // Opening it proves it is a database this version can use (and applies newer migrations).
        try (Database database = Database.h2(data)) {
            out.printf("restore: %s restored into %s (%s)%n", from, data, database.isHealthy() ? "ok" : "not answering");
        }
        out.flush();
        return Main.OK;
    }

    private static boolean isEmptyDirectory(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return true;
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
