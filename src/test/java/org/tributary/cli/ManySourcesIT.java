package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 partner feeds of 20 items each on loopback, titles drawn from the small vocabulary real library feeds use
 * ("Storytime", "Board meeting"), every item with its own link and text: the packaged program's
 * {@code refresh --export} publishes all 10,000; true copies (the same link, title and text at another partner) merge
 * as "also from", every one of them, although both partners are fetched in the same run.
 */
class ManySourcesIT {

    private static final int SOURCES = 500;
    private static final int ITEMS = 20;
    private static final int COPIES = 5;
    private static final String[] TITLES = {"Storytime", "Board meeting", "Closed for the holiday", "Book club",
            "Author talk", "Summer reading", "Tech help", "Library news"};
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @AfterEach
    void stop() {
        server.close();
    }

    private String item(int source, int n) {
        Instant date = now.minus((long) source * ITEMS + n + 1, ChronoUnit.MINUTES);
        return "<item><title>" + TITLES[(source + n) % TITLES.length] + "</title><link>https://lib" + source
                + ".example.org/news/" + n + "</link><guid>https://lib" + source + ".example.org/news/" + n
                + "</guid><description>" + text(source, n) + "</description><pubDate>" + RFC_1123.format(date)
                + "</pubDate></item>";
    }

    private static final String[] WORDS = ("library branch reading room children teens adults volunteers garden "
            + "museum passes laptops printers study rooms archive maps history local authors poetry music film "
            + "knitting chess robotics coding parents toddlers seniors tax forms job search language classes "
            + "citizenship genealogy newspapers magazines audiobooks ebooks comics graphic novels science fair "
            + "makerspace sewing cooking yoga walking club trivia night concert lecture exhibit donation sale "
            + "renovation parking elevator hours holiday closure board trustees budget vote survey").split(" ");

    /** A text of its own for every item: random words, so that no two items are nearly the same text. */
    private static String text(int source, int n) {
        java.util.Random random = new java.util.Random(source * 1_000L + n);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 25; i++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        return text.toString().strip() + ".";
    }

    private String feed(int source) {
        StringBuilder items = new StringBuilder();
        for (int n = 0; n < ITEMS; n++) items.append(item(source, n));
        // The first partners' first stories are copied, word for word, by the next ones: true copies.
        if (source >= COPIES && source < 2 * COPIES) items.append(item(source - COPIES, 0));
        return "<rss version=\"2.0\"><channel><title>Library " + source + "</title><link>https://lib" + source
                + ".example.org/</link><description>News</description>" + items + "</channel></rss>";
    }

    @Test
    void tenThousandDistinctItemsWithGenericTitlesAreAllPublishedAndTrueCopiesMerge() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int source = Integer.parseInt(request.getUrl().encodedPath().substring("/feed/".length()));
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rss+xml")
                        .body(feed(source)).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        StringBuilder yml = new StringBuilder("""
                site: { title: Many, link: "https://lib.example.org/", base_url: "http://localhost:8080", items: 50 }
                fetch: { allow_private: ["127.0.0.1:%d"], timeout: 20s }
                defaults: { every: 30m, type: News }
                types: [News]
                sources:
                """.formatted(server.getPort()));
        for (int s = 0; s < SOURCES; s++) {
            yml.append("  - { id: lib").append(s).append(", title: \"Library ").append(s).append("\", url: \"http://127.0.0.1:")
                    .append(server.getPort()).append("/feed/").append(s).append("\" }\n");
        }
        Path config = dir.resolve("feeds.yml");
        Files.writeString(config, yml);
        Path out = dir.resolve("site");

        Program.Result run = Program.runFor(480, "--config", config.toString(), "--data", dir.resolve("data").toString(),
                "refresh", "--export", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();

        List<Path> pages;
        try (Stream<Path> list = Files.list(out)) {
            pages = list.filter(p -> p.getFileName().toString().matches("feed(-before-.*)?\\.json")).toList();
        }
        Set<String> ids = new HashSet<>();
        int alsoFrom = 0;
        ObjectMapper json = new ObjectMapper();
        for (Path page : pages) {
            for (JsonNode item : json.readTree(page.toFile()).path("items")) {
                ids.add(item.path("id").asText());
                if (item.path("_tributary").has("also_from")) alsoFrom++;
            }
        }
        // Every one of the 10,000 stories is published once, and every true copy is merged into it ("also from"),
        // although both partners of each copy are fetched in the same run, 16 at a time.
        assertThat(ids).hasSize(SOURCES * ITEMS);
        assertThat(alsoFrom).as("true copies merged as also from").isEqualTo(COPIES);
    }
}
