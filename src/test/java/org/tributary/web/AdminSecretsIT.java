package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.publish.Publisher;

/**
 * The admin token never leaves the process: not in a log line (captured from logback itself, our loggers at DEBUG),
 * not in /status, /status.html or /metrics, not in any answer of the admin API, its errors and a handler's crash
 * included, and not in the printed form of the server's admin settings.
 */
class AdminSecretsIT {

    static final String TOKEN = "s3cr3t-admin-token-0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private WebFixture fixture;
    private WebServer web;
    private int port;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final List<ch.qos.logback.classic.Logger> raised = new ArrayList<>();
    private final List<Level> before = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(logs);
        captured.start();
        logs.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
        for (String name : List.of("org.tributary", "io.javalin")) {
            ch.qos.logback.classic.Logger logger = logs.getLogger(name);
            raised.add(logger);
            before.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        fixture = new WebFixture(dir.resolve("f"), null);
        WebServer.Admin admin = new WebServer.Admin(TOKEN, "nonce-1", dir, id -> {
            throw new IllegalStateException("refresh of " + id + " failed");
        }, out -> {
            throw new java.io.IOException("disk full");
        }, null, a -> true);
        web = new WebServer(WebServer.Parts.of(() -> fixture.config, fixture.store, fixture.database, new Publisher(),
                new SourceStatus(() -> fixture.config, fixture.store, id -> Optional.empty()))
                .withMetrics(new Metrics("test")).withAdmin(admin));
        port = web.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (web != null) web.close();
        if (fixture != null) fixture.close();
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        for (int i = 0; i < raised.size(); i++) raised.get(i).setLevel(before.get(i));
    }

    private HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) b.header("Authorization", auth);
        if (body != null) b.header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Everything logback received: messages, key-value pairs, arguments and stack traces. */
    private String logText() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : captured.list) {
            all.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ');
            if (e.getKeyValuePairs() != null) all.append(e.getKeyValuePairs()).append(' ');
            if (e.getArgumentArray() != null) all.append(java.util.Arrays.deepToString(e.getArgumentArray()));
            if (e.getThrowableProxy() != null) all.append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            all.append(e.getMDCPropertyMap()).append('\n');
        }
        return all.toString();
    }

    @Test
    void noAnswerAndNoLogLineCarriesTheTokenOrAnAlmostRightOne() throws Exception {
        String id = fixture.add("Story", "News", Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), "programming");
        String auth = "Bearer " + TOKEN;
        String almost = TOKEN.substring(0, TOKEN.length() - 1) + "X";
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(send("POST", "/admin/items/" + id + "/hide", auth, "{\"reason\": \"takedown\"}"));
        answers.add(send("POST", "/admin/items/" + id + "/unhide", auth, "{}"));
        answers.add(send("POST", "/admin/items/" + id + "/hide", "Bearer " + almost, "{}"));
        answers.add(send("POST", "/admin/items/" + id + "/hide", TOKEN, "{}"));
        answers.add(send("POST", "/admin/items/" + id + "/hide", auth, "{\"token\": \"" + TOKEN + "\"}"));
        answers.add(send("POST", "/admin/items/nosuch/approve", auth, "{}"));
        answers.add(send("GET", "/admin/pending", auth, null));
        answers.add(send("GET", "/admin/audit?limit=500", auth, null));
        answers.add(send("GET", "/admin/status", auth, null));
        answers.add(send("POST", "/admin/identify", null, "{\"challenge\": \"" + "ab".repeat(16) + "\"}"));
        answers.add(send("DELETE", "/admin/items/" + id + "/hide", auth, null));
        answers.add(send("GET", "/admin/nothing-here?token=" + TOKEN, auth, null));
        HttpResponse<String> crashedRefresh = send("POST", "/admin/sources/partner/refresh", auth, "{}");
        HttpResponse<String> crashedExport = send("POST", "/admin/export", auth, null);
        answers.add(crashedRefresh);
        answers.add(crashedExport);
        answers.add(send("GET", "/status", null, null));
        answers.add(send("GET", "/status.html", null, null));
        answers.add(send("GET", "/metrics", null, null));

        assertThat(answers.get(0).statusCode()).isEqualTo(200);
        assertThat(answers.get(2).statusCode()).isEqualTo(401);
        assertThat(crashedRefresh.statusCode()).isEqualTo(500);
        assertThat(crashedExport.statusCode()).isEqualTo(500);
        assertThat(answers.get(answers.size() - 1).statusCode()).isEqualTo(200);
        for (HttpResponse<String> r : answers) {
            String all = r.headers().map() + " " + r.body();
            assertThat(all).as(r.request().method() + " " + r.request().uri()).doesNotContain(TOKEN)
                    .doesNotContain(almost).doesNotContain("s3cr3t");
        }
        String logs = logText();
        assertThat(captured.list).as("the crashes and the actions were logged").isNotEmpty();
        assertThat(logs).contains("admin: hide item " + id).contains("failed");
        assertThat(logs).doesNotContain(TOKEN).doesNotContain(almost).doesNotContain("s3cr3t");
    }

    @Test
    void theAdminSettingsPrintWithoutTheTokenOrTheNonce() {
        WebServer.Admin admin = new WebServer.Admin(TOKEN, "nonce-secret", dir, id -> Optional.empty(), d -> 0, null);
        assertThat(admin.toString()).doesNotContain(TOKEN).doesNotContain("nonce-secret");
    }
}
