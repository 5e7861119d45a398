package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryIT {

    private static final String H2 = "db/migration/h2";

    @TempDir
    Path dir;

    @Test
    void aMigratedDatabaseIsCurrentAndOpensAgainWithItsData() throws Exception {
        try (Database database = Database.h2(dir)) {
            assertThat(SchemaHistory.isCurrent(database.dataSource(), H2)).isTrue();
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE publish_state SET version = 41 WHERE id = 1");
            }
        }
        try (Database again = Database.h2(dir)) {
            assertThat(new Store(again, true).version().version()).isEqualTo(41);
        }
    }

    @Test
    void aDatabaseWithoutHistoryIsNotCurrent() {
        JdbcDataSource empty = new JdbcDataSource();
        empty.setURL("jdbc:h2:file:" + dir.resolve("empty"));
        assertThat(SchemaHistory.isCurrent(empty, H2)).isFalse();
    }

    @Test
    void aMissingOrFailedMigrationIsNotCurrent() throws Exception {
        try (Database database = Database.h2(dir)) {
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '15'");
                assertThat(SchemaHistory.isCurrent(database.dataSource(), H2)).as("failed").isFalse();
                s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '15'");
                assertThat(SchemaHistory.isCurrent(database.dataSource(), H2)).as("missing").isFalse();
            }
        }
    }

    @Test
    void aFolderWithoutMigrationsIsNeverCurrent() {
        try (Database database = Database.h2(dir)) {
            assertThat(SchemaHistory.isCurrent(database.dataSource(), "db/migration/none")).isFalse();
        }
    }
}
