package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.publish.Publisher;
import org.tributary.store.AuditLog;
import org.tributary.store.Database;
import org.tributary.store.Store;

/** The admin API on a real server over a real H2 file: its doors, and a takedown that reaches /feed.atom. */
class AdminApiIT {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    Database database;
    WebServer web;
    int port;

    WebFixture fixture;

    private void start(boolean callerIsThisMachine) throws Exception {
        fixture = new WebFixture(dir.resolve("f"), null);
        Config config = fixture.config;
        database = fixture.database;
        Store store = fixture.store;
        WebServer.Admin admin = new WebServer.Admin(TOKEN, "nonce-1", dir, id -> Optional.empty(), d -> 0, null,
                a -> callerIsThisMachine);
        web = new WebServer(WebServer.Parts.of(() -> config, store, database, new Publisher(),
                new SourceStatus(() -> config, store, id -> Optional.empty())).withAdmin(admin));
        port = web.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (web != null) web.close();
        if (fixture != null) fixture.close();
    }

    private HttpResponse<String> post(String path, String auth, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) b.header("Authorization", auth);
        if (type != null) b.header("Content-Type", type);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesMissingWrongAndAlmostRightTokensWithAJsonReasonThatNeverQuotesTheToken() throws Exception {
        start(true);
        String id = fixture.add("Story", "News", Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), "programming");
        String almost = TOKEN.substring(0, TOKEN.length() - 1) + "0";
        for (String auth : new String[] {null, "Bearer guess", "Bearer " + almost, TOKEN, "Basic " + TOKEN}) {
            HttpResponse<String> r = post("/admin/items/" + id + "/hide", auth, "application/json", "{}");
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.body()).contains("\"error\"").doesNotContain(TOKEN).doesNotContain(almost);
        }
        assertThat(WebFixture.text(fixture.get("/feed.atom"))).contains("Story");
    }

    @Test
    void answersOnlyThisMachineUnlessAllowed() throws Exception {
        start(false);
        HttpResponse<String> r = post("/admin/items/x/hide", "Bearer " + TOKEN, "application/json", "{}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("allow_remote");
    }

    @Test
    void refusesFormsOversizedBodiesAndUnknownIds() throws Exception {
        start(true);
        String auth = "Bearer " + TOKEN;
        assertThat(post("/admin/items/x/hide", auth, "application/x-www-form-urlencoded", "reason=x").statusCode())
                .isEqualTo(415);
        assertThat(post("/admin/items/x/hide", auth, "text/plain", "{}").statusCode()).isEqualTo(415);
        assertThat(post("/admin/items/x/hide", auth, "application/json",
                "{\"reason\": \"" + "a".repeat(AdminApi.MAX_BODY) + "\"}").statusCode()).isEqualTo(413);
        assertThat(post("/admin/items/x/hide", auth, "application/json", "[1]").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = post("/admin/items/nosuchitem/hide", auth, "application/json", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no item with id 'nosuchitem'");
        assertThat(post("/admin/sources/nosuch/reset", auth, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aHideWithAReasonLeavesTheFeedAndIsAudited() throws Exception {
        start(true);
        String id = fixture.add("Takedown", "News", Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), "programming");
        assertThat(WebFixture.text(fixture.get("/feed.atom"))).contains("Takedown");
        HttpResponse<String> r = post("/admin/items/" + id + "/hide", "Bearer " + TOKEN, "application/json",
                "{\"reason\": \"partner asked\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(WebFixture.text(fixture.get("/feed.atom"))).doesNotContain("Takedown");
        AuditLog.Page page = new AuditLog(database).page(null, 10);
        assertThat(page.entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("hide");
            assertThat(e.target()).isEqualTo("item:" + id);
            assertThat(e.reason()).isEqualTo("partner asked");
        });
        HttpResponse<String> audit = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/admin/audit")).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(audit.body()).contains("partner asked").doesNotContain(TOKEN);
    }

    @Test
    void provesItsIdentityWithoutTheTokenAndWithoutRevealingIt() throws Exception {
        start(true);
        String challenge = "ab".repeat(16);
        HttpResponse<String> r = post("/admin/identify", null, "application/json",
                "{\"challenge\": \"" + challenge + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(AdminApi.proof(TOKEN, "nonce-1", challenge)).doesNotContain(TOKEN);
        assertThat(AdminApi.proof(TOKEN, "nonce-2", challenge)).isNotEqualTo(AdminApi.proof(TOKEN, "nonce-1", challenge));
    }
}
