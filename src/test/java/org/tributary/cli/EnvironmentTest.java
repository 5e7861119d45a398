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
}
