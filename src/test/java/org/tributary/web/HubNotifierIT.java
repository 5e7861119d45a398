package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
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
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.outbound.Outbound;
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
    /** The config the notifier reads, as a reload would replace it. */
    private final AtomicReference<Config> live = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        hub.start(InetAddress.getByName("127.0.0.1"), 0);
        for (int i = 0; i < 20; i++) hub.enqueue(new MockResponse.Builder().code(204).build());
        server = new WebFixture(dataDir, null);
        server.add("Old news", "News", T0.minusSeconds(3600), T0.minusSeconds(60), "partnerships");
        live.set(withHub(hub.url("/hub").toString()));
        // Documents dated by the test's clock: an empty feed is dated when it is rendered, so on the system clock two
        // renders a second apart would differ and ping the hub for a feed nothing changed.
        Documents documents = TestDocuments.of(live::get, server.store, new ItemPages(server.store), new Publisher(),
                now::get, Duration.ZERO);
        notifier = new HubNotifier(documents, new Outbound("Tributary-test"), ticker(), QUIET);
    }

    /** A ticker that advances as the test's clock does. */
    private Ticker ticker() {
        return () -> java.time.Duration.between(T0, now.get()).toNanos();
    }

    /** The fixture's config with site.hub set (the fixture's own server has none, so it pings nobody). */
    private static Config withHub(String hubUrl) throws Exception {
        return new ConfigLoader().parse("feeds.yml", WebFixture.yaml(hubUrl));
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
            assertThat(r.getHeaders().get("User-Agent")).isEqualTo("Tributary-test");
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
    void aReloadThatRemovesOrSetsTheHubIsFollowedAtOnce() throws Exception {
        Config hubbed = live.get();
        live.set(server.config);                     // reloaded without a hub: nothing is rendered or sent
        assertThat(notifier.tick()).isEmpty();
        server.add("Unannounced", "News", T0, T0, "partnerships");
        advance(QUIET.plusSeconds(1));
        assertThat(notifier.tick()).isEmpty();
        assertThat(pinged()).isEmpty();

        live.set(hubbed);                            // the hub comes back: it learns the feeds as they are now
        assertThat(notifier.tick()).isEmpty();
        server.add("Announced", "News", T0.plusSeconds(5), T0.plusSeconds(5), "partnerships");
        notifier.tick();
        advance(QUIET.plusSeconds(1));
        assertThat(notifier.tick()).contains("http://feeds.example.org/topics/partnerships/feed.atom");
        assertThat(pinged()).contains("http://feeds.example.org/topics/partnerships/feed.atom");
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
            // Every ping of the first change fails; the hub answers again for the next one.
            for (int i = 0; i < 6; i++) failing.enqueue(new MockResponse.Builder().code(500).build());
            for (int i = 0; i < 10; i++) failing.enqueue(new MockResponse.Builder().code(204).build());
            Config failingHub = withHub(failing.url("/").toString());
            Documents documents = TestDocuments.of(() -> failingHub, server.store, new ItemPages(server.store),
                    new Publisher(), now::get, Duration.ZERO);
            try (HubNotifier n = new HubNotifier(documents, new Outbound("Tributary-test"), ticker(), QUIET)) {
                n.tick();
                server.add("News", "News", T0, T0, "partnerships");
                n.tick();
                advance(QUIET);
                assertThat(n.tick()).doesNotContain("http://feeds.example.org/feed.atom");
                assertThat(failing.getRequestCount()).isEqualTo(6);
                server.add("Later news", "News", T0.plusSeconds(1), T0.plusSeconds(1), "partnerships");
                n.tick();
                advance(QUIET.plusSeconds(1));
                assertThat(n.tick()).contains("http://feeds.example.org/feed.atom");
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
