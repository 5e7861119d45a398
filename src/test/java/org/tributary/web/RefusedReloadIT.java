package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.web.WebFixture.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.config.ConfigError;
import org.tributary.config.ConfigLoader;
import org.tributary.config.LiveConfig;
import org.tributary.publish.Publisher;
import org.tributary.store.Database;
import org.tributary.store.Store;

/** A refused reload is public news only as a time and a count: its errors quote the file, and stay in the log. */
class RefusedReloadIT {

    @TempDir
    Path dataDir;

    @Test
    void publicStatusSaysWhenAReloadWasRefusedButNotWhatTheFileSaid() throws Exception {
        LiveConfig live = new LiveConfig(new ConfigLoader().parse("feeds.yml", WebFixture.yaml(null)),
                Instant.parse("2026-12-01T09:00:00Z"));
        String secretPath = "/etc/tributary/private/feeds.yml";
        live.refuse(List.of(new ConfigError(secretPath, 3, 5, "password:hunter2", "unknown key")),
                Instant.parse("2026-12-01T10:00:00Z"));
        try (Database database = Database.h2(dataDir)) {
            Store store = new Store(database, true);
            WebServer web = new WebServer(live, store, database, new Publisher(),
                    new SourceStatus(live, store, id -> Optional.empty()));
            int port = web.start("127.0.0.1", 0);
            try {
                for (String path : List.of("/status", "/status.html")) {
                    HttpResponse<byte[]> r = WebFixture.HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(text(r)).as(path)
                            .contains("configuration reload refused at 2026-12-01T10:00:00Z (1 error); see the log")
                            .doesNotContain("hunter2").doesNotContain(secretPath).doesNotContain("unknown key");
                }
            } finally {
                web.close();
            }
        }
    }
}
