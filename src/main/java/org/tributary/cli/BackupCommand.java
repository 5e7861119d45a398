package org.tributary.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.store.Backups;
import org.tributary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A consistent copy of the embedded H2 database. H2 lets only the process that has the database open copy it,
 * so while serve runs this asks it (POST /admin/backup, once the server has proved it is the serve that wrote
 * DATA/serve.admin; see {@link AdminClient}) and saves what it sends; when no serve runs it opens the directory itself.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Writes a consistent backup of the H2 database to FILE: online through a running serve, "
                + "else offline. PostgreSQL: use pg_dump.")
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--to", paramLabel = "FILE", required = true, description = "the backup file to write (a zip)")
    Path to;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.spec.commandLine().getOut();
        PrintWriter err = main.spec.commandLine().getErr();
        if (main.environment().dbUrl() != null) {
            err.println("backup: TRIBUTARY_DB_URL is set: back up that database with its own tools "
                    + "(PostgreSQL: pg_dump --format=custom, see docs/operations.md)");
            return Main.BAD_INPUT;
        }
        if (Files.exists(to)) {
            err.println("backup: " + to + " already exists; not overwriting it");
            return Main.BAD_INPUT;
        }
        Path data = main.data.toAbsolutePath();
        // feeds.yml only names the User-Agent here: a backup works without one.
        Config config = Files.isRegularFile(main.config) ? main.loadConfig(new PrintWriter(new StringWriter())) : null;
        Optional<AdminClient> running = AdminClient.find(main,
                config == null ? AdminClient.DEFAULT_USER_AGENT : config.fetch().userAgent(), "backup");
        if (running.isPresent()) {
            long size = running.get().backup(to);
            out.printf("backup: online backup (%d bytes) from the running serve written to %s%n", size, to);
            out.flush();
            return Main.OK;
        }
        if (Backups.isEmptyDataDir(data)) {
            err.println("backup: no database in " + data + " (use --data or TRIBUTARY_DATA)");
            return Main.BAD_INPUT;
        }
        try (Database database = Database.h2(data)) {
            Backups.backup(database, to.toAbsolutePath());
        }
        out.printf("backup: offline backup (%d bytes) written to %s%n", Files.size(to), to);
        out.flush();
        return Main.OK;
    }

}
