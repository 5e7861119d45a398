package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the admin token comes from, and that the file serve creates is its user's alone. */
class AdminTokenTest {

    @TempDir
    Path dir;

    @Test
    void theFirstServeCreatesARandomTokenFileOnlyItsUserCanReadAndLaterOnesReuseIt() throws Exception {
        Path data = dir.resolve("data");
        String token = AdminToken.forServe(Environment.of(Map.of()), data);

        Path file = data.resolve(AdminToken.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(AdminToken.forServe(Environment.of(Map.of()), data)).isEqualTo(token);
        assertThat(AdminToken.configured(Environment.of(Map.of()), data)).contains(token);
        assertThat(AdminToken.forServe(Environment.of(Map.of()), dir.resolve("other"))).isNotEqualTo(token);
    }

    @Test
    void theEnvironmentComesFirstAndCreatesNoFile() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "from-a-file-0123456789\n");
        Path data = dir.resolve("data");

        assertThat(AdminToken.forServe(Environment.of(Map.of("TRIBUTARY_ADMIN_TOKEN", "from-the-env-0123456789")), data))
                .isEqualTo("from-the-env-0123456789");
        assertThat(AdminToken.forServe(Environment.of(Map.of("TRIBUTARY_ADMIN_TOKEN_FILE", secret.toString())), data))
                .isEqualTo("from-a-file-0123456789");
        assertThat(data.resolve(AdminToken.FILE)).doesNotExist();
    }

    @Test
    void aShortTokenIsRefusedNamingWhereItCameFromButNotWhatItIs() {
        assertThatThrownBy(() -> AdminToken.forServe(Environment.of(Map.of("TRIBUTARY_ADMIN_TOKEN", "hunter2")), dir))
                .hasMessageContaining("TRIBUTARY_ADMIN_TOKEN").hasMessageContaining("at least 16")
                .hasMessageNotContaining("hunter2");
    }
}
