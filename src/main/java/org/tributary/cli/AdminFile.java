package org.tributary.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * How the CLI finds a running serve on the same data directory: serve writes its admin URL and a nonce for this run
 * to {@code DATA/serve.admin}, readable only by its own user, and deletes it when it stops. A client first asks the
 * server to prove it knows the nonce and the token (see {@link AdminClient}); a file left behind by a kill -9, with
 * another program now on that port, never gets the token.
 *
 * @param adminUrl the base of the admin API, ending in "/admin/"
 */
record AdminFile(URI adminUrl, String nonce) {

    static final String NAME = "serve.admin";

    /**
     * The file for a serve listening on host:port. A wildcard address is reached on loopback; a specific address
     * (serve --host 192.0.2.2) is reached there, since serve may not listen on loopback at all.
     */
    static AdminFile of(String host, int port, String nonce) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1" : host;
        if (reachable.contains(":")) reachable = "[" + reachable + "]";
        return new AdminFile(URI.create("http://" + reachable + ":" + port + "/admin/"), nonce);
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
            Files.writeString(file, "url=" + adminUrl + "\nnonce=" + nonce + "\n", StandardCharsets.UTF_8,
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
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String url = p.getProperty("url");
        String nonce = p.getProperty("nonce");
        if (url == null || nonce == null || !url.endsWith("/admin/")) return Optional.empty();
        try {
            return Optional.of(new AdminFile(URI.create(url), nonce));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(NAME));
        } catch (IOException ignored) {
            // a stale file is harmless: whatever answers at its address cannot prove the nonce
        }
    }
}
