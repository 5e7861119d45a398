package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/demo as a person runs it, on ports of their choosing: both port variables reach everything. */
class DemoScriptIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void honoursDemoPartnersPortAndTributaryPort() throws Exception {
        Program.jar(); // built by package, so the script does not build
        int partnersPort = freePort();
        int sitePort = freePort();
        // setsid: the script and its two Java processes form one group, stopped together as Ctrl-C would.
        ProcessBuilder b = new ProcessBuilder("setsid", "scripts/demo").redirectErrorStream(true)
                .redirectOutput(data.resolve("demo.log").toFile());
        b.environment().put("DEMO_PARTNERS_PORT", Integer.toString(partnersPort));
        b.environment().put("TRIBUTARY_PORT", Integer.toString(sitePort));
        b.environment().put("TRIBUTARY_DATA", data.resolve("data").toString());
        b.environment().put("JAVA_OPTS", "-Xmx256m");
        Process demo = b.start();
        try {
            String site = "http://127.0.0.1:" + sitePort;
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                JsonNode sources = json.readTree(get(site + "/status").body()).path("sources");
                return sources.size() == 5 && // demo/feeds.yml: three partners, a calendar, a LibCal-style feed
                         sources.findValues("state").stream().allMatch(s -> s.asText().equals("ok"));
            });
            String atom = get(site + "/feed.atom").body();
            assertThat(atom).contains("href=\"http://localhost:" + sitePort + "/feed.atom\"")
                    .doesNotContain("localhost:8080").doesNotContain("127.0.0.1:8099");
            assertThat(get(site + "/status").body()).contains("http://127.0.0.1:" + partnersPort + "/feeds/");
        } finally {
            new ProcessBuilder("kill", "-TERM", "--", "-" + demo.pid()).start().waitFor();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) demo.destroyForcibly();
        }
        assertThat(Files.readString(data.resolve("demo.log"))).contains("partner feeds on http://127.0.0.1:" + partnersPort);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (ServerSocket s = new ServerSocket(partnersPort)) {
                return true; // the partner server stopped with the script
            } catch (IOException inUse) {
                return false;
            }
        });
    }
}
