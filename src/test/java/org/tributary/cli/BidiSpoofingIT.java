package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A right-to-left override in a feed's title, author, category and HTML, and in feeds.yml's names, reaches no
 * published document: the packaged program's {@code refresh --export} over a loopback partner, every file written
 * read back.
 */
class BidiSpoofingIT {

    private static final String RLO = "\u202E";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noOverrideFromAFeedOrFeedsYmlIsPublished() throws Exception {
        String feed = """
                <rss version="2.0"><channel><title>Partner</title><link>https://partner.example.org/</link>
                <description>d</description><item><title>Free books %1$sgpj.exe</title>
                <link>https://partner.example.org/1</link><author>x@partner.example.org (Ann %1$sBee)</author>
                <category>Read%1$sing</category>
                <description>&lt;p&gt;Open &lt;b&gt;%1$snow&lt;/b&gt; &amp;#x2067;here&lt;/p&gt;</description>
                </item></channel></rss>""".formatted(RLO);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                .body(feed).build());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Path config = dir.resolve("feeds.yml");
        Files.writeString(config, """
                site: { title: "Most %1$sRecently", link: "https://lib.example.org/", base_url: "http://localhost:8080" }
                fetch: { allow_private: ["127.0.0.1:%2$d"] }
                defaults: { every: 30m, type: News }
                types: [News]
                topics:
                  - { id: t, title: "Topic %1$sone" }
                sources:
                  - { id: p, title: "Partner %1$sname", url: "http://127.0.0.1:%2$d/feed", topics: [t] }
                """.formatted(RLO, server.getPort()), StandardCharsets.UTF_8);
        Path out = dir.resolve("site");

        Program.Result run = Program.run("--config", config.toString(), "--data", dir.resolve("data").toString(),
                "refresh", "--export", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).as("the config's warning names file, line and key")
                .contains("feeds.yml:1:", "site.title", "feeds.yml:8:", "sources[0].title");
        String atom = Files.readString(out.resolve("feed.atom"), StandardCharsets.UTF_8);
        assertThat(atom).contains("Free books gpj.exe", "Partner name");
        String json = Files.readString(out.resolve("feed.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("Free books gpj.exe");
        try (Stream<Path> files = Files.walk(out)) {
            // Every text file (the bundled icons are images: nothing from a feed or feeds.yml reaches their bytes).
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().matches(".*\\.(png|ico)$")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(text).as(out.relativize(file).toString())
                        .doesNotContainPattern("[\u202A-\u202E\u2066-\u2069]")
                        .doesNotContainPattern("(?i)&#x(202[a-e]|206[6-9]);");
            }
        }
    }
}
