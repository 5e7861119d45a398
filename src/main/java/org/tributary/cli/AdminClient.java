package org.tributary.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tributary.config.Config;
import org.tributary.outbound.Outbound;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.Moderation;
import org.tributary.web.SourceStatus;

/**
 * The CLI's side of a running serve's admin API, for the commands that would otherwise open the H2 directory serve
 * holds. Before the token leaves this process the server must prove it is the serve that wrote DATA/serve.admin:
 * it answers a fresh challenge with HMAC-SHA256(token, nonce + challenge), which only a process knowing both can.
 */
final class AdminClient {

    /** A backup or an export of a large site may take a while; everything else is quick. */
    static final Duration LONG = Duration.ofMinutes(30);
    static final Duration SHORT = Duration.ofSeconds(30);
    /** A refresh answers when the fetch is done: the fetch timeout and a store write. */
    static final Duration REFRESH = Duration.ofMinutes(5);
    /** What a command that reads no feeds.yml says it is. */
    static final String DEFAULT_USER_AGENT = "Tributary/0.1";
    private static final String CONTEXT = "tributary-admin-identity:";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Outbound http;
    private final AdminFile file;
    private final String token;
    private final String command;

    AdminClient(Outbound http, AdminFile file, String token, String command) {
        this.http = http;
        this.file = file;
        this.token = token;
        this.command = command;
    }

    /**
     * The running serve on this data directory, proven; empty when none runs (no file, or nothing answers at its
     * address, or what answers cannot prove it is that serve): the caller then opens the database itself, and
     * learns from H2's lock if a serve holds it after all. On PostgreSQL every command opens the shared database.
     */
    static Optional<AdminClient> find(Main main, Config config, String command) {
        return find(main, config.fetch().userAgent(), command);
    }

    static Optional<AdminClient> find(Main main, String userAgent, String command) {
        Environment env = main.environment();
        if (env.dbUrl() != null) return Optional.empty();
        Path data = main.data.toAbsolutePath();
        Optional<AdminFile> file = AdminFile.read(data);
        if (file.isEmpty()) return Optional.empty();
        Optional<String> token = AdminToken.configured(env, data);
        if (token.isEmpty()) {
            throw new IllegalStateException(command + ": a serve runs on " + data + " but there is no admin token to "
                    + "reach it (" + data.resolve(AdminToken.FILE) + ", TRIBUTARY_ADMIN_TOKEN or TRIBUTARY_ADMIN_TOKEN_FILE)");
        }
        AdminClient client = new AdminClient(new Outbound(userAgent), file.get(), token.get(), command);
        return client.identified(main.spec.commandLine().getErr()) ? Optional.of(client) : Optional.empty();
    }

    /** True when the server at the file's address proves it knows this run's nonce and the token. */
    boolean identified(PrintWriter err) {
        String challenge = AdminToken.random();
        Outbound.Response r;
        try {
            r = http.post(file.adminUrl().resolve("identify"), "application/json",
                    JSON.writeValueAsString(Map.of("challenge", challenge)), Map.of(), SHORT);
        } catch (IOException e) {
            return false; // nothing listens there: the file was left behind by a serve that was killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        String proof = null;
        if (r.status() == 200) {
            try {
                JsonNode answer = JSON.readTree(r.body());
                proof = answer == null ? null : answer.path("proof").asText(null);
            } catch (IOException notJson) {
                proof = null;
            }
        }
        if (proof != null && MessageDigest.isEqual(proof.getBytes(StandardCharsets.UTF_8),
                proof(token, file.nonce(), challenge).getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        err.println(command + ": " + file.adminUrl() + " is not the serve that wrote " + AdminFile.NAME
                + " (it could not prove its identity); the token was not sent");
        err.flush();
        return false;
    }

    static String proof(String token, String nonce, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(
                    mac.doFinal((CONTEXT + nonce + ":" + challenge).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Hides or shows an item; false when the server knows no such item. */
    boolean hidden(String itemId, boolean hide, String reason) throws IOException, InterruptedException {
        Outbound.Response r = post("items/" + segment(itemId) + (hide ? "/hide" : "/unhide"), reason(reason), SHORT);
        return expect(r);
    }

    boolean decide(String itemId, boolean approve, String reason) throws IOException, InterruptedException {
        return expect(post("items/" + segment(itemId) + (approve ? "/approve" : "/reject"), reason(reason), SHORT));
    }

    /** The source's reset; empty when the server's feeds.yml has no such source. */
    Optional<Boolean> reset(String sourceId) throws IOException, InterruptedException {
        Outbound.Response r = post("sources/" + segment(sourceId) + "/reset", reason(null), SHORT);
        if (!expect(r)) return Optional.empty();
        return Optional.of(JSON.readTree(r.body()).path("reset").asBoolean());
    }

    /** A fetch of the source now, by the server; empty when its feeds.yml has no such source. */
    Optional<RefreshReport> refresh(String sourceId) throws IOException, InterruptedException {
        Outbound.Response r = post("sources/" + segment(sourceId) + "/refresh", reason(null), REFRESH);
        if (!expect(r)) return Optional.empty();
        JsonNode n = JSON.readTree(r.body());
        String notBefore = n.path("not_before").asText(null);
        return Optional.of(new RefreshReport(n.path("source").asText(),
                RefreshReport.Outcome.valueOf(n.path("outcome").asText().toUpperCase(Locale.ROOT).replace('-', '_')),
                n.path("status").asInt(), n.path("added").asInt(), n.path("updated").asInt(),
                n.path("error").asText(null), n.path("millis").asLong(), n.path("bytes").asLong(),
                n.path("health").asText(null), notBefore == null ? null : Instant.parse(notBefore)));
    }

    /** The items moderation holds, oldest first. */
    List<Moderation.Held> pending(int limit) throws IOException, InterruptedException {
        Outbound.Response r = http.get(file.adminUrl().resolve("pending?limit=" + limit), auth(), SHORT);
        expect(r);
        return JSON.readValue(JSON.readTree(r.body()).path("items").traverse(JSON),
                new TypeReference<List<Moderation.Held>>() {});
    }

    List<SourceStatus.Row> status() throws IOException, InterruptedException {
        Outbound.Response r = http.get(file.adminUrl().resolve("status"), auth(), SHORT);
        expect(r);
        return JSON.readValue(r.body(), new TypeReference<List<SourceStatus.Row>>() {});
    }

    /** The server's export, unpacked under dir; the number of files. */
    int export(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path zip = Files.createTempFile(dir, ".export-", ".zip");
        try {
            Outbound.Response r = http.postToFile(file.adminUrl().resolve("export"), auth(), LONG, zip);
            expect(r);
            return unzip(zip, dir);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** The server's online backup written to the file; its size. */
    long backup(Path to) throws IOException, InterruptedException {
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        Outbound.Response r = http.postToFile(file.adminUrl().resolve("backup"), auth(), LONG, partial);
        if (!r.ok()) {
            Files.deleteIfExists(partial);
            expect(r);
        }
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(to);
    }

    private Outbound.Response post(String path, String body, Duration timeout) throws IOException, InterruptedException {
        return http.post(file.adminUrl().resolve(path), "application/json", body, auth(), timeout);
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** True on 2xx, false on 404; anything else is an error the command cannot get round. */
    private boolean expect(Outbound.Response r) {
        if (r.ok()) return true;
        if (r.status() == 404) return false;
        String reason;
        try {
            reason = JSON.readTree(r.body()).path("error").asText(r.body());
        } catch (IOException notJson) {
            reason = r.body();
        }
        throw new IllegalStateException(command + ": the running serve answered HTTP " + r.status() + ": "
                + reason.strip());
    }

    private static String reason(String reason) throws IOException {
        return reason == null || reason.isBlank() ? "{}" : JSON.writeValueAsString(Map.of("reason", reason));
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Unpacks the zip under dir, refusing any entry that would land outside it. */
    static int unzip(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        int files = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("export: refusing zip entry outside " + root + ": " + e.getName());
                }
                if (e.isDirectory()) continue;
                Files.createDirectories(target.getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.copy(z, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                files++;
            }
        }
        return files;
    }

    URI url() {
        return file.adminUrl();
    }
}
