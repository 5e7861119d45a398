package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;

/** /metrics answers loopback and metrics.allow only, judged on the socket's peer (or the proxy's X-Forwarded-For). */
class MetricsAccessIT {

    @TempDir
    Path dir;

    private final AtomicReference<Config> config = new AtomicReference<>();
    private Database database;
    private Metrics metrics;
    private WebServer web;
    private int port;

    private static Config config(String metricsSection) throws Exception {
        return new ConfigLoader().parse("feeds.yml", WebFixture.yaml(null) + metricsSection);
    }

    @BeforeEach
    void setUp() throws Exception {
        config.set(config(""));
        database = Database.h2(dir);
        Store store = new Store(database, true);
        metrics = new Metrics("test");
        web = new WebServer(WebServer.Parts.of(config::get, store, database, new Publisher(),
                new SourceStatus(config::get, store, id -> Optional.empty())).withMetrics(metrics));
        port = web.start("0.0.0.0", 0);
    }

    @AfterEach
    void tearDown() {
        web.close();
        metrics.close();
        database.close();
    }

    private int get(String host, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) b.headers(headers);
        return WebFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An IPv4 address of this machine that is not loopback: a request to it comes from it, not from 127.0.0.1. */
    private static String outsideAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        Assumptions.abort("this machine has no non-loopback IPv4 address to call from");
        return null;
    }

    @Test
    void loopbackMayReadAndAProxiedOrForwardedRequestMayNot() throws Exception {
        assertThat(get("127.0.0.1")).isEqualTo(200);
        assertThat(get("127.0.0.1", "X-Forwarded-For", "203.0.113.9")).as("through a local reverse proxy")
                .isEqualTo(403);
        assertThat(get("127.0.0.1", "X-Forwarded-For", "127.0.0.1, 203.0.113.9"))
                .as("the nearest proxy's entry counts, not what the client wrote").isEqualTo(403);
        assertThat(get("127.0.0.1", "Forwarded", "for=203.0.113.9")).isEqualTo(403);
        config.set(config("metrics: { allow: [203.0.113.0/24] }"));
        assertThat(get("127.0.0.1", "X-Forwarded-For", "203.0.113.9")).isEqualTo(200);
        assertThat(get("127.0.0.1", "X-Forwarded-For", "198.51.100.1")).isEqualTo(403);
    }

    @Test
    void anotherAddressIsRefusedUntilMetricsAllowListsIt() throws Exception {
        String outside = outsideAddress();
        assertThat(get(outside)).isEqualTo(403);
        config.set(config("metrics: { allow: [\"" + outside + "/32\", \"fd00::/8\"] }"));
        assertThat(get(outside)).isEqualTo(200);
        config.set(config("metrics: { allow: [10.255.255.0/24] }"));
        assertThat(get(outside)).isEqualTo(403);
    }

    @Test
    void metricsAllowTakesAddressesAndRangesOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("metrics: { allow: [prometheus.internal, 10.0.0.0/33] }"))
                .hasMessageContaining("metrics.allow[0]").hasMessageContaining("not an IP address or CIDR range");
    }
}
