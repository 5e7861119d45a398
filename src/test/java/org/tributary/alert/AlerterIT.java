package org.tributary.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Alerts;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import org.tributary.outbound.Outbound;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.AlertStore;
import org.tributary.store.Database;
import org.tributary.store.Store;
import org.tributary.testing.TestClock;

/**
 * Alerts end to end but for the fetch: a real H2 file, a real webhook receiver (MockWebServer) and a real SMTP
 * server (GreenMail), and a clock the test moves.
 */
class AlerterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;

    private final MockWebServer webhook = new MockWebServer();
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final TestClock clock = new TestClock(T0);
    private Database database;
    private Store store;
    private Config config;
    private Source wls;

    /** Answers the webhook 204, or the status a test queued for the next call. */
    private final java.util.concurrent.BlockingQueue<Integer> webhookFailures =
            new java.util.concurrent.LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws Exception {
        webhook.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Integer failure = webhookFailures.poll();
                return new MockResponse.Builder().code(failure == null ? 204 : failure).build();
            }
        });
        webhook.start();
        smtp.start();
        database = Database.h2(dir.resolve("data"));
        store = new Store(database, true);
        config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://library.example.org/", base_url: "http://localhost:8080" }
                alerts:
                  webhook: %s
                  email: { smtp: "127.0.0.1:%d", from: feeds@library.example.org, to: [webteam@library.example.org] }
                  after: 6h
                sources:
                  - id: wls
                    title: Wide Library Service
                    url: https://wls.example.org/feed
                    owner: webmaster@wls.example.org
                """.formatted(webhook.url("/hook"), smtp.getSmtp().getPort()));
        wls = config.source("wls").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        database.close();
        smtp.stop();
        webhook.close();
    }

    private Alerter alerter() {
        return new Alerter(() -> config, store, new AlertStore(database), this::notifiers, clock);
    }

    private List<Notifier> notifiers(Alerts alerts) {
        return List.of(new WebhookNotifier(alerts.webhook(), new Outbound("Tributary-test"), Duration.ofSeconds(5)),
                new EmailNotifier(alerts.email(), null, null, Duration.ofSeconds(5)));
    }

    /** A failed refresh as the Refresher would leave it: stored first, then reported. */
    private void fail(Alerter alerter, int status) {
        store.saveFailure("wls", wls.url().toString(), status, "fetch[wls]: HTTP " + status, null, clock.instant());
        alerter.refreshed(wls, new RefreshReport("wls", RefreshReport.Outcome.FAILED, status, 0, 0,
                "fetch[wls]: HTTP " + status, 40));
    }

    private void ok(Alerter alerter) {
        store.saveNotModified("wls", wls.url().toString(), "\"e\"", null, null, clock.instant());
        alerter.refreshed(wls, new RefreshReport("wls", RefreshReport.Outcome.NOT_MODIFIED, 304, 0, 0, null, 30));
    }

    private List<JsonNode> webhooks() throws Exception {
        List<JsonNode> posts = new ArrayList<>();
        for (RecordedRequest r; (r = webhook.takeRequest(100, java.util.concurrent.TimeUnit.MILLISECONDS)) != null; ) {
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(r.getHeaders().get("User-Agent")).isEqualTo("Tributary-test");
            posts.add(JSON.readTree(r.getBody().utf8()));
        }
        return posts;
    }

    private static Set<String> recipients(MimeMessage m) throws Exception {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).collect(Collectors.toSet());
    }

    @Test
    void oneAlertAfterTheThresholdOneOnRecoveryAndNoneAgainAfterARestart() throws Exception {
        Alerter alerter = alerter();
        fail(alerter, 503);
        clock.advance(Duration.ofHours(3));
        fail(alerter, 503);
        assertThat(webhooks()).as("failing for 3h of 6h: not yet").isEmpty();

        clock.advance(Duration.ofHours(3));
        fail(alerter, 503);
        List<JsonNode> posts = webhooks();
        assertThat(posts).hasSize(1);
        JsonNode alert = posts.get(0);
        assertThat(alert.path("event").asText()).isEqualTo("failing");
        assertThat(alert.path("source").path("id").asText()).isEqualTo("wls");
        assertThat(alert.path("source").path("owner").asText()).isEqualTo("webmaster@wls.example.org");
        assertThat(alert.path("since").asText()).isEqualTo(T0.toString());
        assertThat(alert.path("consecutive_failures").asInt()).isEqualTo(3);
        assertThat(alert.path("last_error").asText()).isEqualTo("fetch[wls]: HTTP 503");
        assertThat(alert.path("text").asText()).contains("Feed failing: Wide Library Service (wls)");
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2); // one message, one copy per recipient
        assertThat(recipients(mails[0])).containsExactlyInAnyOrder("webteam@library.example.org",
                "webmaster@wls.example.org");
        assertThat(mails[0].getSubject()).isEqualTo("[Tributary] Feed failing: Wide Library Service (wls) since " + T0);
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo("feeds@library.example.org");

        clock.advance(Duration.ofHours(1));
        fail(alerter, 503);
        Alerter afterRestart = alerter();
        clock.advance(Duration.ofHours(1));
        fail(afterRestart, 503);
        assertThat(webhooks()).as("one alert per problem, a restart included").isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        clock.advance(Duration.ofMinutes(30));
        ok(afterRestart);
        posts = webhooks();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).path("event").asText()).isEqualTo("recovered");
        assertThat(posts.get(0).path("problem").asText()).isEqualTo("failing");
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) subjects.add(m.getSubject());
        assertThat(subjects).filteredOn(s -> s.equals("[Tributary] Feed recovered: Wide Library Service (wls)"))
                .hasSize(2);

        ok(afterRestart);
        fail(afterRestart, 503);
        assertThat(webhooks()).as("a new problem starts its own clock").isEmpty();
    }

    @Test
    void aShortOutageThatRecoversSendsNothing() throws Exception {
        Alerter alerter = alerter();
        fail(alerter, 500);
        clock.advance(Duration.ofHours(5));
        fail(alerter, 500);
        ok(alerter);
        clock.advance(Duration.ofHours(2));
        fail(alerter, 500);
        assertThat(webhooks()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void goneIsToldAtOnce() throws Exception {
        fail(alerter(), 410);
        List<JsonNode> posts = webhooks();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).path("event").asText()).isEqualTo("gone");
        assertThat(posts.get(0).path("text").asText()).contains("410 Gone");
    }

    @Test
    void anUndeliveredAlertIsTriedAgainAtTheNextRefresh() throws Exception {
        webhookFailures.add(500);
        Alerter alerter = alerter();
        fail(alerter, 410);
        assertThat(webhooks()).hasSize(1); // answered 500
        fail(alerter, 410);
        List<JsonNode> posts = webhooks();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).path("event").asText()).isEqualTo("gone");
        fail(alerter, 410);
        assertThat(webhooks()).isEmpty();
    }

    @Test
    void ofSeveralNodesOnOneDatabaseOnlyOneSends() throws Exception {
        Alerter first = alerter();
        fail(first, 503);
        clock.advance(Duration.ofHours(7));
        store.saveFailure("wls", wls.url().toString(), 503, "fetch[wls]: HTTP 503", null, clock.instant());
        RefreshReport report = new RefreshReport("wls", RefreshReport.Outcome.FAILED, 503, 0, 0,
                "fetch[wls]: HTTP 503", 40);
        List<Alerter> nodes = List.of(first, alerter(), alerter(), alerter());
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (Alerter node : nodes) {
                calls.add(() -> {
                    node.refreshed(wls, report);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(calls)) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(webhooks()).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void noAlertsSectionMeansNoAlertState() throws Exception {
        config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://library.example.org/", base_url: "http://localhost:8080" }
                sources:
                  - { id: wls, title: W, url: "https://wls.example.org/feed" }
                """);
        fail(alerter(), 410);
        assertThat(webhooks()).isEmpty();
        assertThat(new AlertStore(database).row("wls").problem()).isNull();
    }
}
