package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.publish.Publisher;
import org.tributary.store.ItemPages;

/**
 * WebSub publishing against a real loopback hub (mockwebserver3): one debounced ping per changed feed, driven by the
 * store's version alone, with a controllable clock (the notifier's own timer is not started here).
 */
class HubNotifierIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");
    private static final Duration QUIET = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private final MockWebServer hub = new MockWebServer();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private WebFixture server;
    private HubNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        hub.start(InetAddress.getByName("127.0.0.1"), 0);
        for (int i = 0; i < 20; i++) hub.enqueue(new MockResponse.Builder().code(204).build());
        server = new WebFixture(dataDir, null);
        server.add("Old news", "News", T0.minusSeconds(3600), T0.minusSeconds(60), "partnerships");
        Documents documents = new Documents(() -> server.config, server.store, new ItemPages(server.store),
                new Publisher());
        InstantSource clock = now::get;
        notifier = new HubNotifier(URI.create(hub.url("/hub").toString()), documents, clock, QUIET);
    }

    @AfterEach
    void stop() throws Exception {
        notifier.close();
        server.close();
        hub.close();
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    private List<String> pinged() throws Exception {
        List<String> urls = new ArrayList<>();
        RecordedRequest r;
        while ((r = hub.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            String form = r.getBody().utf8();
            assertThat(form).startsWith("hub.mode=publish&hub.url=");
            urls.add(URLDecoder.decode(form.substring("hub.mode=publish&hub.url=".length()), StandardCharsets.UTF_8));
        }
        return urls;
    }

    @Test
    void aNewItemPingsEachChangedFeedOnceAfterTheStoreHasBeenQuiet() throws Exception {
        assertThat(notifier.tick()).as("the first look only learns the current feeds").isEmpty();
        server.add("Partnership news", "News", T0, T0, "partnerships");
        assertThat(notifier.tick()).as("a change is noticed, not yet pinged").isEmpty();
        server.add("More partnership news", "News", T0.plusSeconds(1), T0.plusSeconds(1), "partnerships");
        advance(Duration.ofSeconds(3));
        assertThat(notifier.tick()).as("still changing: the quiet period starts again").isEmpty();
        advance(Duration.ofSeconds(3));
        assertThat(notifier.tick()).as("not quiet for long enough yet").isEmpty();
        advance(QUIET);

        List<String> sent = notifier.tick();
        assertThat(sent).containsExactlyInAnyOrder(
                "http://feeds.example.org/feed.atom", "http://feeds.example.org/feed.rss",
                "http://feeds.example.org/feed.json", "http://feeds.example.org/topics/partnerships/feed.atom",
                "http://feeds.example.org/topics/partnerships/feed.rss",
                "http://feeds.example.org/topics/partnerships/feed.json");
        assertThat(pinged()).containsExactlyInAnyOrderElementsOf(sent);

        advance(QUIET);
        assertThat(notifier.tick()).as("one ping per change, not one per tick").isEmpty();
        assertThat(pinged()).isEmpty();
    }

    @Test
    void aFeedWhoseBytesDidNotChangeIsNotPinged() throws Exception {
        notifier.tick();
        server.add("Programming only", "News", T0, T0, "programming");
        notifier.tick();
        advance(QUIET.plusSeconds(1));
        assertThat(notifier.tick()).contains("http://feeds.example.org/topics/programming/feed.json")
                .noneMatch(u -> u.contains("partnerships"));
    }

    @Test
    void aHubThatFailsIsLoggedAndDoesNotStopLaterPings() throws Exception {
        hub.close();
        MockWebServer failing = new MockWebServer();
        failing.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            failing.enqueue(new MockResponse.Builder().code(500).build());
            Documents documents = new Documents(() -> server.config, server.store, new ItemPages(server.store),
                    new Publisher());
            try (HubNotifier n = new HubNotifier(URI.create(failing.url("/").toString()), documents, now::get, QUIET)) {
                n.tick();
                server.add("News", "News", T0, T0, "partnerships");
                n.tick();
                advance(QUIET);
                assertThat(n.tick()).doesNotContain("http://feeds.example.org/feed.atom");
                assertThat(failing.getRequestCount()).isGreaterThanOrEqualTo(1);
            }
        } finally {
            failing.close();
        }
    }

    @Test
    void feedsCarryHubAndSelfLinkHeadersWhenAHubIsConfigured() throws Exception {
        try (WebFixture withHub = new WebFixture(dataDir.resolve("hub"), "https://hub.example.org/")) {
            var r = withHub.get("/feed.atom?type=News");
            assertThat(r.headers().allValues("Link")).anySatisfy(v -> assertThat(v)
                    .contains("<https://hub.example.org/>; rel=\"hub\"")
                    .contains("<http://feeds.example.org/feed.atom?type=News>; rel=\"self\""));
            assertThat(WebFixture.text(r)).contains("rel=\"hub\"");
        }
        assertThat(server.get("/feed.atom").headers().firstValue("Link")).isEmpty();
    }
}
