package org.tributary.cli;

import java.util.Map;

/** The environment variables a deployment may set; read once, at the entry point. */
record Environment(String dbUrl, String dbUser, String dbPassword, String smtpUser, String smtpPassword,
                   String adminToken, String adminTokenFile) {

    Environment(String dbUrl, String dbUser, String dbPassword) {
        this(dbUrl, dbUser, dbPassword, null, null, null, null);
    }

    static Environment of(Map<String, String> env) {
        return new Environment(blankToNull(env.get("TRIBUTARY_DB_URL")), env.getOrDefault("TRIBUTARY_DB_USER", ""),
                env.getOrDefault("TRIBUTARY_DB_PASSWORD", ""), blankToNull(env.get("TRIBUTARY_SMTP_USER")),
                env.get("TRIBUTARY_SMTP_PASSWORD"), blankToNull(env.get("TRIBUTARY_ADMIN_TOKEN")),
                blankToNull(env.get("TRIBUTARY_ADMIN_TOKEN_FILE")));
    }

    /** Which variables are set, never their secrets: a record prints its fields, and this one may be logged. */
    @Override
    public String toString() {
        return "Environment[dbUrl=" + (dbUrl == null ? "none" : "set") + ", dbUser=" + dbUser
                + ", dbPassword=" + hidden(dbPassword) + ", smtpUser=" + smtpUser + ", smtpPassword="
                + hidden(smtpPassword) + ", adminToken=" + hidden(adminToken) + ", adminTokenFile=" + adminTokenFile
                + "]";
    }

    private static String hidden(String secret) {
        return secret == null || secret.isEmpty() ? "none" : "(set)";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
