package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Required;

/**
 * Our own conformance suite (src/test/resources/suite, licences in its README): every file served on loopback as one
 * source of one feeds.yml, through the packaged program's {@code refresh --export} (parse, normalize, store, publish),
 * and then every published Atom and RSS document re-read by Rome, by read-feed (xmllint, feedparser) and checked by
 * validate-feed (the W3C validator's own checks, offline). Fails on a crash (an internal error of any source), on a
 * document that does not re-parse, on any validator error, and on any source publishing fewer items than the distinct
 * entries feedparser finds in its file. The tools are found with -Dtributary.tools (the build sets ../shared/tools).
 */
class ConformanceSuiteIT {

    private static final Path SUITE = Paths.get("src/test/resources/suite");
    private static final String BASE_URL = "http://localhost:8080";
    private static final Path KNOWN_LOSSES = Paths.get("src/test/resources/suite-known-losses.tsv");

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static Path tool(String name) {
        Path tools = Paths.get(System.getProperty("tributary.tools", "../shared/tools"));
        Path tool = tools.resolve(name);
        Required.present(Files.isExecutable(tool), name + " is expected at " + tool.toAbsolutePath().normalize()
                + " (a directory 'shared/tools' beside the checkout, or -Dtributary.tools=DIR)");
        return tool;
    }

    /** The suite's files by source id ("s0", "s1", ...), in a stable order. */
    private static Map<String, Path> files() throws Exception {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(SUITE)) {
            all = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.md"))
                    .filter(p -> !p.getFileName().toString().equals("LICENSE")).sorted().toList();
        }
        Map<String, Path> byId = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) byId.put("s" + i, all.get(i));
        return byId;
    }

    @Test
    void everyFilePublishesEveryDistinctEntryInDocumentsThatReparseAndValidate() throws Exception {
        Path readFeed = tool("read-feed");
        Path validateFeed = tool("validate-feed");
        Map<String, Path> files = files();
        Map<String, byte[]> bodies = new HashMap<>();
        for (var e : files.entrySet()) bodies.put("/" + e.getKey(), Files.readAllBytes(e.getValue()));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] body = bodies.get(request.getUrl().encodedPath());
                if (body == null) return new MockResponse.Builder().code(404).build();
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/xml")
                        .body(new okio.Buffer().write(body)).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);

        StringBuilder yml = new StringBuilder("""
                site: { title: Conformance, link: "https://lib.example.org/", base_url: "%s", items: 50 }
                fetch: { allow_private: ["127.0.0.1:%d"], timeout: 10s }
                defaults: { every: 30m, type: News }
                types: [News]
                sources:
                """.formatted(BASE_URL, server.getPort()));
        for (String id : files.keySet()) {
            yml.append("  - { id: ").append(id).append(", title: \"Suite ").append(id).append("\", url: \"http://127.0.0.1:")
                    .append(server.getPort()).append('/').append(id).append("\" }\n");
        }
        Path config = dir.resolve("feeds.yml");
        Files.writeString(config, yml);
        Path out = dir.resolve("site");

        Program.Result run = Program.run("--config", config.toString(), "--data", dir.resolve("data").toString(),
                "refresh", "--export", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).as("no source crashes").doesNotContain("internal[");

        // Every source publishes at least the distinct entries feedparser reads in its file.
        Map<String, Integer> expected = distinctEntries(files);
        Map<String, Integer> published = publishedPerSource(out);
        Map<String, String> lost = new TreeMap<>();
        for (var e : expected.entrySet()) {
            int got = published.getOrDefault(e.getKey(), 0);
            if (got < e.getValue()) lost.put(files.get(e.getKey()).toString(), got + " of " + e.getValue());
        }
        Map<String, String> known = knownLosses();

        // Every published Atom and RSS document re-parses (Rome, xmllint, feedparser) and validates with 0 errors.
        List<Path> documents;
        try (Stream<Path> walk = Files.walk(out)) {
            documents = walk.filter(p -> p.toString().endsWith(".atom") || p.toString().endsWith(".rss")).sorted()
                    .toList();
        }
        assertThat(documents).isNotEmpty();
        Map<String, String> broken = new TreeMap<>();
        for (Path doc : documents) {
            String relative = out.relativize(doc).toString().replace('\\', '/');
            try {
                new SyndFeedInput().build(new StringReader(Files.readString(doc, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                broken.put(relative + " (Rome)", e.toString());
            }
            Program.Result read = Program.run(new ProcessBuilder(readFeed.toString(), doc.toString()));
            if (read.exit() != 0) broken.put(relative + " (read-feed)", read.out());
            String type = relative.endsWith(".atom") ? "application/atom+xml" : "application/rss+xml";
            Program.Result valid = Program.run(new ProcessBuilder(validateFeed.toString(), doc.toString(),
                    BASE_URL + "/" + relative, type));
            if (valid.exit() != 0) broken.put(relative + " (validate-feed)", valid.out());
        }
        assertThat(broken).as("published documents that do not re-parse or validate").isEmpty();
        assertThat(lost.keySet()).as("sources that lost items (published of distinct entries): %s; listed with their "
                + "reason in %s", lost, KNOWN_LOSSES).containsExactlyInAnyOrderElementsOf(known.keySet());
    }

    /** The losses not fixed yet, each with its reason: the list must shrink, never grow (a fixed one is taken off). */
    private static Map<String, String> knownLosses() throws Exception {
        Map<String, String> known = new TreeMap<>();
        for (String line : Files.readAllLines(KNOWN_LOSSES, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t", 2);
            known.put(SUITE.resolve(parts[0]).toString(), parts.length > 1 ? parts[1] : "");
        }
        return known;
    }

    /** Items per source id across every page of the merged JSON Feed, the copies credited as "also from" included. */
    private static Map<String, Integer> publishedPerSource(Path out) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        List<Path> pages;
        try (Stream<Path> list = Files.list(out)) {
            pages = list.filter(p -> p.getFileName().toString().matches("feed(-before-.*)?\\.json")).toList();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path page : pages) {
            for (JsonNode item : json.readTree(page.toFile()).path("items")) {
                counts.merge(item.path("_tributary").path("source").path("id").asText(), 1, Integer::sum);
                // A copy merged into another source's item (the same link: "also from") is published, not lost.
                for (JsonNode other : item.path("_tributary").path("also_from")) {
                    counts.merge(other.path("id").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * How many distinct entries Python's feedparser reads in each file: entries that repeat one another's id, link,
     * title and text count once (one item published twice is no item lost).
     */
    private static Map<String, Integer> distinctEntries(Map<String, Path> files) throws Exception {
        Path list = Files.createTempFile("suite", ".tsv");
        StringBuilder lines = new StringBuilder();
        files.forEach((id, path) -> lines.append(id).append('\t').append(path.toAbsolutePath()).append('\n'));
        Files.writeString(list, lines);
        String script = """
                import sys, feedparser
                for line in open(sys.argv[1], encoding="utf-8"):
                    sid, path = line.rstrip("\\n").split("\\t")
                    try:
                        d = feedparser.parse(open(path, "rb").read())
                    except Exception:
                        print(sid, -1, sep="\t")  # feedparser itself fails: nothing to compare against
                        continue
                    seen = set()
                    for e in d.entries:
                        text = e.get("summary", "") or "".join(c.get("value", "") for c in e.get("content", []))
                        seen.add((e.get("id"), e.get("link"), e.get("title"), text))
                    print(sid, len(seen), sep="\\t")
                """;
        Program.Result r = Program.run(new ProcessBuilder("/usr/bin/python3", "-c", script, list.toString()));
        Required.present(!r.err().contains("No module named 'feedparser'"), "Python's feedparser (python3-feedparser)");
        assertThat(r.exit()).as("counting entries with feedparser: " + r.err()).isZero();
        Map<String, Integer> counts = new HashMap<>();
        for (String line : r.out().split("\n")) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\t");
            counts.put(parts[0], Integer.parseInt(parts[1].strip()));
        }
        return counts;
    }
}
