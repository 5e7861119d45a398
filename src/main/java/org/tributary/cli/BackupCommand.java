package org.tributary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.store.Backups;
import org.tributary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A consistent copy of the embedded H2 database. H2 lets only the process that has the database open copy it,
 * so while serve runs this asks it (POST /admin/backup with the token from DATA/serve.admin) and saves what it
 * sends; when no serve runs it opens the directory itself.
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
        Optional<AdminFile> running = AdminFile.read(data);
        if (running.isPresent()) {
            Optional<Long> online = online(running.get(), err);
            if (online.isPresent()) {
                out.printf("backup: online backup (%d bytes) from the running serve written to %s%n", online.get(), to);
                out.flush();
                return Main.OK;
            }
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

    /** The backup from the running serve, or empty when none answers (the admin file was stale). */
    private Optional<Long> online(AdminFile admin, PrintWriter err) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        HttpResponse<Path> response;
        try {
            response = http.send(HttpRequest.newBuilder(admin.backupUrl())
                            .header("Authorization", "Bearer " + admin.token())
                            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
        } catch (ConnectException e) {
            return Optional.empty(); // serve is gone; its file was left behind by a kill -9
        }
        if (response.statusCode() != 200) {
            Files.deleteIfExists(partial);
            throw new IllegalStateException("backup: the running serve answered HTTP " + response.statusCode());
        }
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(Files.size(to));
    }
}
