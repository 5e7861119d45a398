package org.tributary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Backup and restore of the embedded H2 database. A backup is H2's {@code BACKUP TO}: a zip of the database file
 * copied under H2's own lock, so it is consistent while refreshes write, and it is fast. Only the process that has
 * the database open can run it; `tributary backup` asks a running serve for one over its admin route.
 * PostgreSQL deployments use pg_dump instead (see docs/operations.md).
 */
public final class Backups {

    /** The file name H2 gives the database under the data directory (see {@link Database#h2}). */
    static final String H2_FILE = "tributary.mv.db";

    private Backups() {}

    /** Writes a consistent zip of the open H2 database to target (which must not exist). */
    public static void backup(Database database, Path target) {
        if (!database.vendor().equals("h2")) {
            throw new StoreException("store: backup: only the embedded H2 database is backed up here; use pg_dump");
        }
        new Jdbc(database).read(c -> {
            try (Statement st = c.createStatement()) {
                // BACKUP TO takes no parameter; the path is quoted by doubling quotes, the SQL way.
                st.execute("BACKUP TO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            return null;
        });
    }

    /** True when the data directory holds no database (it may exist, empty or with unrelated files). */
    public static boolean isEmptyDataDir(Path dataDir) {
        return !Files.exists(dataDir.resolve(H2_FILE));
    }

    /**
     * Unpacks a backup into an empty data directory. Only the database file is taken from the zip, by its known
     * name, so an entry like "../../etc/x" can never be written anywhere. Throws when the zip holds no database.
     */
    public static void restore(Path backup, Path dataDir) {
        if (!isEmptyDataDir(dataDir)) throw new StoreException("store: restore: " + dataDir + " already has a database");
        try {
            Files.createDirectories(dataDir);
            Path partial = dataDir.resolve(H2_FILE + ".restoring");
            boolean found = false;
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.isDirectory() || !Path.of(e.getName()).getFileName().toString().equals(H2_FILE)) continue;
                    copy(zip, partial);
                    found = true;
                    break;
                }
            } catch (java.util.zip.ZipException e) {
                throw new StoreException("store: restore: " + backup + " is not a backup zip: " + e.getMessage());
            }
            if (!found) {
                Files.deleteIfExists(partial);
                throw new StoreException("store: restore: " + backup + " holds no " + H2_FILE);
            }
            Files.move(partial, dataDir.resolve(H2_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("store: restore: " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path to) throws IOException {
        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
