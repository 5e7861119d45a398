package org.tributary.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin API's bearer token: TRIBUTARY_ADMIN_TOKEN, else the file TRIBUTARY_ADMIN_TOKEN_FILE names, else
 * {@code DATA/admin.token}, which the first serve creates (mode 0600) with 32 random bytes. Several nodes of one
 * cluster share one token through the environment. Never printed, never logged.
 */
final class AdminToken {

    static final String FILE = "admin.token";
    /** Shorter secrets are refused: a token is the only thing that stands between a caller and a takedown. */
    static final int MIN_LENGTH = 16;

    private AdminToken() {}

    /** The token serve checks, creating DATA/admin.token when nothing else names one. */
    static String forServe(Environment env, Path dataDir) {
        Optional<String> configured = configured(env, dataDir);
        if (configured.isPresent()) return configured.get();
        Path file = dataDir.resolve(FILE);
        String token = random();
        try {
            Files.createDirectories(dataDir);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("serve: cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** The token a client presents, if one is configured or serve has created the file. */
    static Optional<String> configured(Environment env, Path dataDir) {
        if (env.adminToken() != null) return Optional.of(valid(env.adminToken().strip(), "TRIBUTARY_ADMIN_TOKEN"));
        if (env.adminTokenFile() != null) return Optional.of(read(Path.of(env.adminTokenFile())));
        Path file = dataDir.resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    static String random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static String read(Path file) {
        try {
            return valid(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("admin token: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String valid(String token, String where) {
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("admin token: " + where + " must hold at least " + MIN_LENGTH
                    + " printable characters without spaces");
        }
        return token;
    }
}
