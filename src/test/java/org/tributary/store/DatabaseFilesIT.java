package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file on disk: an empty one is refused, not taken for a new database; a new one is its owner's alone. */
class DatabaseFilesIT {

    @TempDir
    Path dir;

    @Test
    void aZeroByteDatabaseFileIsRefusedWithAMessage() throws Exception {
        Path file = dir.resolve("tributary.mv.db");
        Files.createFile(file);

        StoreException e = catchThrowableOfType(StoreException.class, () -> Database.h2(dir).close());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("store: " + file.toAbsolutePath() + " is empty (0 bytes), not a "
                + "database; restore a backup (tributary restore) or move the file away to start a new, empty database");
        assertThat(Files.size(file)).as("left as it was, for the operator to look at").isZero();
    }

    @Test
    void aNewDatabaseAndTheDataDirectoryItCreatesAreTheOwnersAlone() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path data = dir.resolve("data");
        try (Database db = Database.h2(data)) {
            assertThat(db.isHealthy()).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tributary.mv.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void anExistingWorldReadableDatabaseIsMadePrivateOnOpen() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        try (Database db = Database.h2(dir)) {
            assertThat(db.isHealthy()).isTrue();
        }
        Path file = dir.resolve("tributary.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.h2(dir)) {
            assertThat(db.isHealthy()).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
