package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.outbound.Outbound;

/**
 * After a {@code kill -9}, serve's admin file is left behind and another program may listen on its port. The CLI
 * must not take that program for serve: whatever it answers, it cannot prove it knows this run's nonce and the
 * token, so the client sends it no token and says so (the command then opens the database itself).
 */
class AdminImpostorTest {

    private static final String TOKEN = "token-that-must-stay-home-0123456789";

    @TempDir Path data;

    @Test
    void whatListensOnALeftBehindAddressGetsNoTokenWhateverItAnswers() throws Exception {
        try (MockWebServer impostor = new MockWebServer()) {
            impostor.start(InetAddress.getByName("127.0.0.1"), 0);
            // An impostor that says yes to everything, with a made-up proof, and one that echoes a proof field empty.
            impostor.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"proof\":\"c29tZXRoaW5n\"}").build());
            impostor.enqueue(new MockResponse.Builder().code(200).body("backup bytes").build());
            AdminFile file = AdminFile.of("127.0.0.1", impostor.getPort(), "nonce-of-the-killed-serve");
            file.write(data);
            AdminFile read = AdminFile.read(data).orElseThrow();
            StringWriter err = new StringWriter();

            AdminClient client = new AdminClient(new Outbound("Tributary-test"), read, TOKEN, "backup");

            assertThat(client.identified(new PrintWriter(err))).isFalse();
            assertThat(err.toString()).contains("could not prove its identity").contains("the token was not sent");
            assertThat(impostor.getRequestCount()).isEqualTo(1);
            RecordedRequest asked = impostor.takeRequest();
            assertThat(asked.getTarget()).endsWith("/identify");
            assertThat(asked.getHeaders().toString()).doesNotContain(TOKEN);
            assertThat(asked.getBody().utf8()).doesNotContain(TOKEN).contains("challenge");
        }
    }
}
