package org.tributary.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * How `backup` finds a running serve: serve writes its admin URL and a random token to {@code DATA/serve.admin},
 * readable only by its own user, and deletes it when it stops. Whoever can read the data directory may ask for a
 * backup; nobody else can, even on the same machine.
 */
record AdminFile(URI backupUrl, String token) {

    static final String NAME = "serve.admin";

    static String newToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The file for a serve listening on host:port (a wildcard address is reached on loopback). */
    static AdminFile of(String host, int port, String token) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1" : host;
        if (reachable.contains(":")) reachable = "[" + reachable + "]";
        return new AdminFile(URI.create("http://" + reachable + ":" + port + "/admin/backup"), token);
    }

    void write(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, "url=" + backupUrl + "\ntoken=" + token + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("serve: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Optional<AdminFile> read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String url = p.getProperty("url");
        String token = p.getProperty("token");
        return url == null || token == null ? Optional.empty() : Optional.of(new AdminFile(URI.create(url), token));
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(NAME));
        } catch (IOException ignored) {
            // a stale file is harmless: its token no longer opens anything
        }
    }
}
