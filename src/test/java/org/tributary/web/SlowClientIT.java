package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;

/** A client on loopback that trickles its headers a byte at a time is cut off; a normal one is served meanwhile. */
class SlowClientIT {

    @TempDir
    Path dir;

    @Test
    void aClientTricklingItsHeadersIsClosedAfterTheDeadline() throws Exception {
        Config config = new ConfigLoader().parse("feeds.yml", WebFixture.yaml(null));
        try (Database database = Database.h2(dir.resolve("data"))) {
            Store store = new Store(database, true);
            WebServer web = new WebServer(() -> config, store, database, new Publisher(),
                    new SourceStatus(() -> config, store, id -> Optional.empty()))
                    .headerDeadline(Duration.ofSeconds(1));
            int port = web.start("127.0.0.1", 0);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                AtomicBoolean closed = new AtomicBoolean();
                Thread reader = new Thread(() -> {
                    try {
                        while (in.read() >= 0) { /* a response would be a failure of the deadline; see below */ }
                    } catch (java.io.IOException reset) {
                        // closed by the server
                    }
                    closed.set(true);
                });
                reader.start();
                byte[] header = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                        .getBytes(StandardCharsets.US_ASCII);
                // One byte every 100 ms: each resets Jetty's idle timeout, none completes the headers.
                int sent = 0;
                for (int i = 0; i < header.length && !closed.get(); i++, sent++) {
                    try {
                        out.write(header[i]);
                        out.flush();
                    } catch (java.io.IOException reset) {
                        break;
                    }
                    // A normal client is answered while the slow one trickles.
                    if (i == 5) {
                        HttpResponse<String> r = WebFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).isEqualTo(200);
                    }
                    Thread.sleep(100);
                }
                await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
                // Cut off while still trickling, not after the headers ran out.
                assertThat(sent).isLessThan(header.length);
            } finally {
                web.close();
            }
        }
    }
}
