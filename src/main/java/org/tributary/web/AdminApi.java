package org.tributary.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.AuditLog;
import org.tributary.store.Moderation;
import org.tributary.store.Store;

/**
 * The editors' door, {@code /admin/}: JSON in and out, a bearer token compared in constant time, and callers on this
 * machine only unless {@code admin.allow_remote} is true. There is no cookie and no form: a POST must carry JSON (or
 * nothing), so a foreign page cannot make a reader's browser act here, and the token is never written anywhere this
 * server answers or logs. Every action that changes something is written to the audit log; a change to what is
 * published bumps the store's version, which every node polls, so the published documents follow within seconds.
 */
final class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

    /** The largest request body read: a reason fits many times over; anything bigger is refused before parsing. */
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_REASON = 1000;
    static final int MAX_PAGE = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32,128}");
    /** What the identity proof signs before the client's challenge, so it is never mistaken for anything else. */
    static final String PROOF_CONTEXT = "tributary-admin-identity:";

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final WebServer.Admin admin;
    private final Supplier<Config> config;
    private final Store store;
    private final AuditLog audit;
    private final Moderation moderation;
    private final SourceStatus status;
    private final InstantSource clock;
    private final byte[] tokenDigest;

    AdminApi(WebServer.Admin admin, Supplier<Config> config, Store store, AuditLog audit, Moderation moderation,
             SourceStatus status, InstantSource clock) {
        this.admin = admin;
        this.config = config;
        this.store = store;
        this.audit = audit;
        this.moderation = moderation;
        this.status = status;
        this.clock = clock;
        this.tokenDigest = sha256(admin.token());
    }

    void routes(io.javalin.config.RoutesConfig r) {
        r.post("/admin/identify", local(this::identify));
        r.post("/admin/items/{id}/hide", guarded(ctx -> hidden(ctx, true)));
        r.post("/admin/items/{id}/unhide", guarded(ctx -> hidden(ctx, false)));
        r.post("/admin/items/{id}/approve", guarded(ctx -> decide(ctx, true)));
        r.post("/admin/items/{id}/reject", guarded(ctx -> decide(ctx, false)));
        r.get("/admin/pending", guarded(this::pending));
        r.post("/admin/sources/{id}/refresh", guarded(this::refresh));
        r.post("/admin/sources/{id}/reset", guarded(this::reset));
        r.get("/admin/audit", guarded(this::audit));
        r.get("/admin/status", guarded(ctx -> json(ctx, 200, status.rows())));
        r.post("/admin/export", guarded(this::export));
        if (admin.backup() != null) r.post("/admin/backup", guarded(this::backup));
    }

    /** A handler that answers only callers allowed by {@link #local} and presenting the token. */
    private Handler guarded(Handler handler) {
        return local(ctx -> {
            String presented = ctx.header("Authorization");
            boolean ok = presented != null && presented.startsWith("Bearer ")
                    && MessageDigest.isEqual(sha256(presented.substring("Bearer ".length()).strip()), tokenDigest);
            if (!ok) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"tributary-admin\"");
                error(ctx, 401, presented == null ? "an Authorization: Bearer token is required"
                        : "the token is not the admin token (DATA/admin.token or TRIBUTARY_ADMIN_TOKEN)");
                return;
            }
            handler.handle(ctx);
        });
    }

    /**
     * A handler that answers only callers on this machine (unless admin.allow_remote), and only JSON bodies within
     * {@link #MAX_BODY}. Forms (urlencoded, multipart, text/plain) are what a foreign page can post without a
     * preflight, so they are refused whatever they carry.
     */
    private Handler local(Handler handler) {
        return ctx -> {
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
            InetAddress caller = address(ctx.req().getRemoteAddr());
            if (!config.get().admin().allowRemote() && (caller == null || !admin.thisMachine().test(caller))) {
                error(ctx, 403, "the admin API answers only on this machine (set admin.allow_remote: true in "
                        + "feeds.yml to open it to other hosts)");
                return;
            }
            if (ctx.method().name().equals("POST")) {
                String type = ctx.contentType();
                boolean json = type != null && type.toLowerCase(Locale.ROOT).strip().startsWith("application/json");
                if (type != null && !json) {
                    error(ctx, 415, "admin requests carry JSON (Content-Type: application/json), not " + clip(type));
                    return;
                }
                if (ctx.contentLength() > MAX_BODY) {
                    error(ctx, 413, "the request body is over " + MAX_BODY + " bytes");
                    return;
                }
            }
            handler.handle(ctx);
        };
    }

    /** The request's JSON object, an empty one for no body; null (and a 400 or 413 sent) when it is not one. */
    private static JsonNode body(Context ctx) throws IOException {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            error(ctx, 413, "the request body is over " + MAX_BODY + " bytes");
            return null;
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) return JSON.createObjectNode();
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) return node;
        } catch (JsonProcessingException e) {
            // answered below: the parser's message may quote the body, which is the caller's own text anyway
        }
        error(ctx, 400, "the body is not a JSON object");
        return null;
    }

    /** The "reason" of the body, "" when absent; null (and a 400 sent) when it is not a short string. */
    private static String reason(Context ctx, JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("reason")) {
                error(ctx, 400, "unknown field '" + clip(name) + "' (only \"reason\" is read)");
                return null;
            }
        }
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) return "";
        if (!reason.isTextual()) {
            error(ctx, 400, "\"reason\" must be a string");
            return null;
        }
        if (reason.asText().length() > MAX_REASON) {
            error(ctx, 400, "\"reason\" is over " + MAX_REASON + " characters");
            return null;
        }
        return reason.asText().strip();
    }

    /** An id from the path, or null (and a 404 sent) when no id of ours could look like it. */
    private static String id(Context ctx, String what) {
        String id = ctx.pathParam("id");
        if (ID.matcher(id).matches()) return id;
        error(ctx, 404, "no " + what + " with id '" + clip(id) + "'");
        return null;
    }

    /**
     * Proves to a client that read DATA/serve.admin that this is the serve that wrote it, before the client sends the
     * token: HMAC-SHA256 keyed with the token over this run's nonce and the client's challenge. Whatever else listens
     * on the port (after a kill -9) knows neither.
     */
    private void identify(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        if (body == null) return;
        JsonNode challenge = body.get("challenge");
        if (challenge == null || !challenge.isTextual() || !HEX.matcher(challenge.asText()).matches()) {
            error(ctx, 400, "\"challenge\" must be 32 to 128 lowercase hex digits");
            return;
        }
        json(ctx, 200, Map.of("proof", proof(admin.token(), admin.nonce(), challenge.asText())));
    }

    /** What {@link #identify} answers; the client computes the same to check it. */
    static String proof(String token, String nonce, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(
                    (PROOF_CONTEXT + nonce + ":" + challenge).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void hidden(Context ctx, boolean hide) throws IOException {
        String id = id(ctx, "item");
        if (id == null) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        String reason = reason(ctx, body);
        if (reason == null) return;
        if (!store.setHidden(id, hide, clock.instant())) {
            error(ctx, 404, "no item with id '" + id + "'");
            return;
        }
        String action = hide ? "hide" : "unhide";
        audit.record(clock.instant(), action, "item:" + id, reason, hide ? "hidden" : "shown");
        log.info("admin: {} item {}", action, id);
        json(ctx, 200, Map.of("item", id, "hidden", hide));
    }

    private void decide(Context ctx, boolean approve) throws IOException {
        String id = id(ctx, "held item");
        if (id == null) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        String reason = reason(ctx, body);
        if (reason == null) return;
        boolean done = approve ? moderation.approve(id, clock.instant()) : moderation.reject(id, clock.instant());
        if (!done) {
            error(ctx, 404, "no held item with id '" + id + "'");
            return;
        }
        String action = approve ? "approve" : "reject";
        audit.record(clock.instant(), action, "item:" + id, reason, approve ? "published" : "rejected");
        log.info("admin: {} item {}", action, id);
        json(ctx, 200, Map.of("item", id, "state", approve ? "published" : "rejected"));
    }

    private void pending(Context ctx) {
        Integer limit = limit(ctx);
        if (limit == null) return;
        json(ctx, 200, Map.of("items", moderation.pending(limit)));
    }

    private void refresh(Context ctx) throws IOException {
        String id = id(ctx, "source");
        if (id == null) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        String reason = reason(ctx, body);
        if (reason == null) return;
        Optional<RefreshReport> report = admin.refresh().apply(id);
        if (report.isEmpty()) {
            error(ctx, 404, "no source with id '" + id + "' in feeds.yml");
            return;
        }
        RefreshReport r = report.get();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("source", r.sourceId());
        outcome.put("outcome", r.outcome().label());
        outcome.put("status", r.status());
        outcome.put("added", r.added());
        outcome.put("updated", r.updated());
        outcome.put("error", r.error());
        outcome.put("millis", r.millis());
        outcome.put("bytes", r.bytes());
        outcome.put("health", r.health());
        outcome.put("not_before", r.notBefore());
        audit.record(clock.instant(), "refresh", "source:" + id, reason, r.outcome().label()
                + (r.error() == null ? ", " + r.added() + " new, " + r.updated() + " updated" : ": " + r.error()));
        json(ctx, 200, outcome);
    }

    private void reset(Context ctx) throws IOException {
        String id = id(ctx, "source");
        if (id == null) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        String reason = reason(ctx, body);
        if (reason == null) return;
        if (config.get().source(id).isEmpty()) {
            error(ctx, 404, "no source with id '" + id + "' in feeds.yml");
            return;
        }
        boolean had = store.resetHealth(id);
        audit.record(clock.instant(), "reset", "source:" + id, reason, had ? "reset" : "had no state");
        log.info("admin: reset source {}", id);
        json(ctx, 200, Map.of("source", id, "reset", had));
    }

    private void audit(Context ctx) {
        Integer limit = limit(ctx);
        if (limit == null) return;
        String beforeText = ctx.queryParam("before");
        Long before = null;
        if (beforeText != null) {
            if (!beforeText.matches("[0-9]{1,18}")) {
                error(ctx, 400, "before must be an entry id from a previous page");
                return;
            }
            before = Long.parseLong(beforeText);
        }
        AuditLog.Page page = audit.page(before, limit);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entries", page.entries());
        answer.put("next", page.before() == null ? null : "/admin/audit?limit=" + limit + "&before=" + page.before());
        json(ctx, 200, answer);
    }

    /** ?limit=N, 1 to {@link #MAX_PAGE}, default 50; null (and a 400 sent) when it is anything else. */
    private static Integer limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) return 50;
        if (text.matches("[1-9][0-9]{0,2}") && Integer.parseInt(text) <= MAX_PAGE) return Integer.parseInt(text);
        error(ctx, 400, "limit must be a whole number from 1 to " + MAX_PAGE);
        return null;
    }

    /** Every published document as static files (what `tributary export` writes), zipped. */
    private void export(Context ctx) throws IOException {
        Path dir = admin.scratch().resolve("export-" + UUID.randomUUID());
        Path zip = admin.scratch().resolve(dir.getFileName() + ".zip");
        try {
            Files.createDirectories(dir);
            int files = admin.export().to(dir);
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
                 Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, z);
                    z.closeEntry();
                }
            }
            log.info("admin: export of {} files sent", files);
            ctx.contentType("application/zip");
            ctx.result(Files.newInputStream(zip, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(zip);
            throw e;
        } finally {
            deleteTree(dir);
        }
    }

    /** An online backup: only H2's own process can copy its open database consistently. */
    private void backup(Context ctx) throws IOException {
        Path file = admin.scratch().resolve("backup-" + UUID.randomUUID() + ".zip");
        try {
            admin.backup().to(file);
            log.info("admin: online backup of {} bytes sent", Files.size(file));
            ctx.contentType("application/zip");
            ctx.result(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin: cannot write JSON", e);
        }
    }

    static void error(Context ctx, int status, String reason) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        json(ctx, status, Map.of("error", reason));
    }

    /** Caller-supplied text quoted in an answer: short, and printable. */
    private static String clip(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "…";
    }

    private static InetAddress address(String literal) {
        try {
            return literal == null ? null : InetAddress.getByName(literal); // an IP literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * A caller on this machine: loopback, or an address of one of this machine's interfaces (what a client sees as
     * its own address when serve listens on that address, `serve --host 192.0.2.2`). No other host can complete a
     * TCP handshake from such an address.
     */
    static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) return true;
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
