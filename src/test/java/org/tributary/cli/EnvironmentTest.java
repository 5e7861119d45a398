package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void printsWhichVariablesAreSetButNoSecret() {
        Environment env = Environment.of(Map.of(
                "TRIBUTARY_DB_URL", "jdbc:postgresql://db/feeds?password=dbsecret",
                "TRIBUTARY_DB_USER", "feeds",
                "TRIBUTARY_DB_PASSWORD", "pwsecret",
                "TRIBUTARY_SMTP_PASSWORD", "smtpsecret",
                "TRIBUTARY_ADMIN_TOKEN", "tokensecret-0123456789"));

        assertThat(env.adminToken()).isEqualTo("tokensecret-0123456789");
        assertThat(env.toString()).contains("feeds", "adminToken=(set)")
                .doesNotContain("dbsecret").doesNotContain("pwsecret").doesNotContain("smtpsecret")
                .doesNotContain("tokensecret");
    }

    @Test
    void everySecretCanComeFromAFileWithoutItsTrailingLineBreak(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path db = java.nio.file.Files.writeString(dir.resolve("db"), "db pass\n");
        java.nio.file.Path smtp = java.nio.file.Files.writeString(dir.resolve("smtp"), "smtp-pass\r\n");
        java.nio.file.Path url = java.nio.file.Files.writeString(dir.resolve("url"), "jdbc:postgresql://db/x");
        Environment env = Environment.of(Map.of(
                "TRIBUTARY_DB_PASSWORD_FILE", db.toString(),
                "TRIBUTARY_SMTP_PASSWORD_FILE", smtp.toString(),
                "TRIBUTARY_DB_URL_FILE", url.toString()));

        assertThat(env.dbPassword()).isEqualTo("db pass");
        assertThat(env.smtpPassword()).isEqualTo("smtp-pass");
        assertThat(env.dbUrl()).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void aSecretSetTwiceOrAnUnreadableFileIsRefusedNamingTheVariableButNotTheSecret(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("pw"), "filesecret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Environment.of(Map.of(
                        "TRIBUTARY_DB_PASSWORD", "directsecret", "TRIBUTARY_DB_PASSWORD_FILE", file.toString())))
                .hasMessageContaining("TRIBUTARY_DB_PASSWORD and TRIBUTARY_DB_PASSWORD_FILE are both set")
                .hasMessageNotContaining("directsecret").hasMessageNotContaining("filesecret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Environment.of(Map.of(
                        "TRIBUTARY_SMTP_PASSWORD_FILE", dir.resolve("missing").toString())))
                .hasMessageContaining("TRIBUTARY_SMTP_PASSWORD_FILE: cannot read " + dir.resolve("missing"));
    }
}
