package org.tributary.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The environment variables a deployment may set; read once, at the entry point. */
record Environment(String dbUrl, String dbUser, String dbPassword, String smtpUser, String smtpPassword,
                   String adminToken, String adminTokenFile) {

    Environment(String dbUrl, String dbUser, String dbPassword) {
        this(dbUrl, dbUser, dbPassword, null, null, null, null);
    }

    /**
     * @throws IllegalArgumentException when a secret is set both directly and as a file, or its file cannot be read;
     *                                  the message names the variable and the file, never the secret
     */
    static Environment of(Map<String, String> env) {
        String dbPassword = secret(env, "TRIBUTARY_DB_PASSWORD");
        return new Environment(blankToNull(secret(env, "TRIBUTARY_DB_URL")), env.getOrDefault("TRIBUTARY_DB_USER", ""),
                dbPassword == null ? "" : dbPassword, blankToNull(env.get("TRIBUTARY_SMTP_USER")),
                secret(env, "TRIBUTARY_SMTP_PASSWORD"), blankToNull(env.get("TRIBUTARY_ADMIN_TOKEN")),
                blankToNull(env.get("TRIBUTARY_ADMIN_TOKEN_FILE")));
    }

    /**
     * NAME, else the contents of the file NAME_FILE names (one trailing line break dropped), as Docker and systemd
     * credentials hand secrets over; null when neither is set. Both set is refused: which one wins would be a guess.
     */
    static String secret(Map<String, String> env, String name) {
        String direct = env.get(name);
        String file = blankToNull(env.get(name + "_FILE"));
        if (file == null) return direct;
        if (direct != null && !direct.isEmpty()) {
            throw new IllegalArgumentException(name + " and " + name + "_FILE are both set; set one of them");
        }
        try {
            String value = Files.readString(Path.of(file));
            if (value.endsWith("\n")) value = value.substring(0, value.length() - 1);
            if (value.endsWith("\r")) value = value.substring(0, value.length() - 1);
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + "_FILE: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
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
