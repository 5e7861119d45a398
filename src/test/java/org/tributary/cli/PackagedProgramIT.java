package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;
import org.xml.sax.InputSource;

/** End to end: the packaged program, started as a user starts it, against partner feeds on loopback. */
class PackagedProgramIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> NEWEST_FIRST = List.of(
            "Always Be Listening: How Public Libraries are Approaching Community Engagement as a Mindset",
            "Getting to the Heart of the Community Through Discovery",
            "Planning a Library Con or Pop Culture Festival",
            "Tapping Your Team Talents",
            "Reduce Waste, Build Community: Hosting Repair Events at Your Library",
            "The Future Is Now: Virtual, Augmented, and Mixed Reality in Public Libraries",
            "Are Dogs the New Library Cat?");

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
        data = dir.resolve("data");
        Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m"));
    }

    @AfterEach
    void tearDown() {
        partners.close();
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static SyndFeed rome(byte[] body) throws Exception {
        return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(body)));
    }

    private static List<String> titles(SyndFeed feed) {
        return feed.getEntries().stream().map(SyndEntry::getTitle).toList();
    }

    @Test
    void servesTheMergedFeedInEveryFormat() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rome(get(serve.url("/feed.atom")).body())
                    .getEntries().size() == 7);

            HttpResponse<byte[]> atom = get(serve.url("/feed.atom"));
            assertThat(atom.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/atom+xml"));
            assertThat(atom.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).matches("\"[^\"]+\""));
            SyndFeed atomFeed = rome(atom.body());
            assertThat(titles(atomFeed)).containsExactlyElementsOf(NEWEST_FIRST);
            SyndEntry first = atomFeed.getEntries().get(0);
            assertThat(first.getLink()).isEqualTo("https://programminglibrarian.example/blogs/always-be-listening");
            assertThat(first.getCategories()).extracting(c -> c.getName()).contains("News");
            assertThat(atomFeed.getEntries().get(1).getCategories()).extracting(c -> c.getName()).contains("Webinar");

            SyndFeed rss = rome(get(serve.url("/feed.rss")).body());
            assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
            assertThat(titles(rss)).containsExactlyElementsOf(NEWEST_FIRST);
            String rssText = new String(get(serve.url("/feed.rss")).body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(rssText).contains("<source url=\"" + partners.url(PartnerServer.RSS) + "\">Programming Librarian</source>");
            assertThat(rssText).contains("<dc:creator>Jane Partner</dc:creator>");

            JsonNode json = new ObjectMapper().readTree(get(serve.url("/feed.json")).body());
            assertThat(json.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
            assertThat(json.get("items")).hasSize(7);
            assertThat(json.get("items").get(0).get("title").asText()).isEqualTo(NEWEST_FIRST.get(0));
            // media:thumbnail is read by rome-modules, whose rome.properties a shaded jar would have lost
            assertThat(json.get("items").get(0).get("image").asText())
                    .isEqualTo("https://programminglibrarian.example/img/listening.jpg");
            assertThat(json.get("items").get(2).get("summary").asText())
                    .startsWith("We hosted our library's sixth LibraryCon");

            String html = new String(get(serve.url("/")).body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html).doesNotContain("<script");
            assertThat(org.jsoup.Jsoup.parse(html).text()).contains("Webinar / 11 June 2019")
                    .contains("From Consortium Webinars");
        }
    }

    @Test
    void answersConditionalRequestsWith304() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rome(get(serve.url("/feed.atom")).body())
                    .getEntries().size() == 7);
            HttpResponse<byte[]> first = get(serve.url("/feed.rss"));
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(URI.create(serve.url("/feed.rss")))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void killMinus9AfterARefreshLosesNothing() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rome(get(serve.url("/feed.atom")).body())
                    .getEntries().size() == 7);
            serve.kill9();
        }
        // the partners are gone now: whatever is published after the restart came from the data directory
        partners.misbehave(PartnerServer.RSS, PartnerServer.status(500));
        partners.misbehave(PartnerServer.ATOM, PartnerServer.status(500));
        partners.misbehave(PartnerServer.RDF, PartnerServer.status(500));
        try (Program again = Program.serve(config, data)) {
            SyndFeed feed = rome(get(again.url("/feed.atom")).body());
            assertThat(titles(feed)).containsExactlyElementsOf(NEWEST_FIRST);
            assertThat(feed.getEntries()).extracting(SyndEntry::getUri).doesNotHaveDuplicates();
        }
    }

    @Test
    void aSecondServeOnTheSameDataDirectoryIsRefused() throws Exception {
        try (Program serve = Program.serve(config, data)) {
            Program.Result second = Program.run("--config", config.toString(), "--data", data.toString(), "serve",
                    "--port", "0");
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.err()).contains("in use by another Tributary process");
        }
    }

    @Test
    void aPortInUseExitsWith1AndSaysSoInsteadOfHanging() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Program.Result r = Program.run("--config", config.toString(), "--data", data.toString(), "serve",
                    "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("Port already in use").doesNotContain("data directory is in use");
        }
    }

    @Test
    void sigtermStopsCleanly() throws Exception {
        Program serve = Program.serve(config, data);
        assertThat(serve.terminate()).isZero();
    }

    @Test
    void aBrokenConfigExitsWith2NamingLineAndKey() throws Exception {
        Files.writeString(config, Files.readString(config).replace("url: " + partners.url(PartnerServer.ATOM),
                "url: ftp://example.org/feed"));
        Program.Result result = Program.run("--config", config.toString(), "--data", data.toString(), "serve");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).containsPattern("feeds\\.yml:\\d+:\\d+: sources\\[1\\]\\.url: ");
        assertThat(Files.exists(data)).isFalse(); // nothing started
    }

    @Test
    void refreshThenExportWritesStaticDocuments() throws Exception {
        Program.Result refresh = Program.run("--config", config.toString(), "--data", data.toString(), "refresh");
        assertThat(refresh.exit()).isZero();
        assertThat(refresh.out()).contains("3 sources: 3 ok, 0 failed; 7 new items");

        Path out = dir.resolve("site");
        Program.Result export = Program.run("--config", config.toString(), "--data", data.toString(), "export",
                "--out", out.toString());
        assertThat(export.exit()).isZero();
        for (String f : List.of("feed.atom", "feed.rss", "feed.json", "index.html", "sources.opml",
                "topics/partnerships/index.html", "topics/partnerships/feed.atom")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(titles(rome(Files.readAllBytes(out.resolve("feed.rss"))))).containsExactlyElementsOf(NEWEST_FIRST);
    }

    @Test
    void refreshWithExportWritesInOneRunTheFilesExportWrites() throws Exception {
        Path together = dir.resolve("together");
        Program.Result refresh = Program.run("--config", config.toString(), "--data", data.toString(), "refresh",
                "--export", together.toString());
        assertThat(refresh.exit()).isZero();
        assertThat(refresh.out()).contains("3 sources: 3 ok, 0 failed; 7 new items")
                .containsPattern("export: wrote \\d+ files to ");

        Path alone = dir.resolve("alone");
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "export",
                "--out", alone.toString()).exit()).isZero();
        assertThat(tree(together)).isNotEmpty().isEqualTo(tree(alone));
    }

    @Test
    void anExportOfWhatIsAlreadyExportedWritesNothingUntilSomethingPublishedChangesOrAFileIsMissing()
            throws Exception {
        Path out = dir.resolve("site");
        String[] export = {"--config", config.toString(), "--data", data.toString(), "export", "--out", out.toString()};
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "refresh", "--export",
                out.toString()).out()).containsPattern("export: wrote \\d+ files to ");
        java.util.Map<String, Integer> first = tree(out);

        // Every source answers 304 now: nothing published changed, so nothing is rendered again.
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "refresh", "--export",
                out.toString()).out()).contains("is up to date");
        assertThat(tree(out)).isEqualTo(first);

        String id = Files.readString(out.resolve("feed.atom")).replaceAll("(?s).*?<entry>.*?<id>urn:tributary:([^<]+)</id>.*", "$1");
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "hide", id).exit()).isZero();
        assertThat(Program.run(export).out()).containsPattern("export: wrote \\d+ files to ");
        assertThat(Files.readString(out.resolve("feed.atom"))).doesNotContain(id);

        Files.delete(out.resolve("feed.rss"));
        assertThat(Program.run(export).out()).containsPattern("export: wrote \\d+ files to ");
        assertThat(out.resolve("feed.rss")).isNotEmptyFile();
        assertThat(Program.run(export).out()).contains("is up to date");
    }

    /** Every file under root by its relative path, with its bytes' hash. */
    private static java.util.Map<String, Integer> tree(Path root) throws java.io.IOException {
        java.util.Map<String, Integer> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void exportWritesEveryPageWithFileLinksEmbedPagesTopicOpmlAndAHeadersNote() throws Exception {
        Files.writeString(config, Files.readString(config).replace("items: 50", "items: 3"));
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "refresh").exit()).isZero();
        Path out = dir.resolve("site");
        assertThat(Program.run("--config", config.toString(), "--data", data.toString(), "export",
                "--out", out.toString()).exit()).isZero();

        // Follow rel=next through the files, as a reader of the static site would: all 7 items, once each.
        List<String> titles = new java.util.ArrayList<>();
        String file = "feed.rss";
        while (file != null) {
            var feed = rome(Files.readAllBytes(out.resolve(file)));
            titles.addAll(titles(feed));
            java.util.regex.Matcher next = java.util.regex.Pattern
                    .compile("<atom:link(?=[^>]*rel=\"next\")[^>]*href=\"http://localhost:8080/([^\"]+)\"")
                    .matcher(Files.readString(out.resolve(file)));
            file = next.find() ? next.group(1) : null;
            if (file != null) assertThat(file).matches("feed-before-[A-Za-z0-9_-]+\\.rss");
        }
        assertThat(titles).containsExactlyElementsOf(NEWEST_FIRST);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("page-before-")))
                    .isNotEmpty();
        }
        for (String f : List.of("embed.html", "embed.js", "HEADERS.md", "topics/partnerships/embed.html",
                "topics/partnerships/sources.opml")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
    }

    @Test
    void refreshOfAnUnknownSourceExitsWith2() throws Exception {
        Program.Result r = Program.run("--config", config.toString(), "--data", data.toString(), "refresh", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no source with id 'nope'");
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String command : List.of("serve", "refresh", "export", "check", "status", "hide", "unhide", "pending",
                "approve", "reject",
                "backup", "restore", "version")) {
            Program.Result r = Program.run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: tributary " + command);
        }
    }
}
