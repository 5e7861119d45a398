package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.config.Site;
import org.tributary.testing.Required;

/**
 * site.source_credit as real readers show it: Debian's python3-feedparser and sfeed (what its frontends display:
 * title, content, author) read the Atom and RSS, Jackson the JSON Feed. The partner's name must be where the mode
 * puts it in every format, and nowhere new under "none".
 */
class SourceCreditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "Programming Librarian";
    private static final String CREDIT = "From " + PARTNER;

    @TempDir
    Path dir;

    /** What one reader showed of the first item. */
    private record Shown(String reader, String title, String author, String content) {
        /** The content as a reader renders it: text, not markup. */
        Shown {
            content = org.jsoup.Jsoup.parse(content).text();
        }
    }

    @ParameterizedTest
    @EnumSource(Site.SourceCredit.class)
    void everyReaderShowsThePartnerWhereTheModePutsIt(Site.SourceCredit mode) throws Exception {
        Site site = Site.builder("Most Recently Added", URI.create("https://library.example.org/"),
                URI.create("http://localhost:8080")).sourceCredit(mode).build();
        FeedView view = FeedView.merged(site, Fixtures.TOPICS, "", List.of(Fixtures.WEBINAR), Fixtures.SOURCES_BY_ID,
                Fixtures.RENDERED);
        Publisher publisher = new Publisher();
        Path atom = write("feed.atom", publisher.atom(view));
        Path rss = write("feed.rss", publisher.rss(view));
        JsonNode json = JSON.readTree(publisher.jsonFeed(view)).get("items").get(0);

        List<Shown> shown = new ArrayList<>();
        shown.add(feedparser(atom));
        shown.add(feedparser(rss));
        shown.add(sfeed(atom));
        shown.add(sfeed(rss));
        StringBuilder authors = new StringBuilder();
        json.path("authors").forEach(a -> authors.append(a.path("name").asText()).append(", "));
        shown.add(new Shown("json", json.get("title").asText(), authors.toString(), json.path("content_html").asText()));

        for (Shown s : shown) {
            switch (mode) {
                case CONTENT -> {
                    assertThat(s.content()).as(s.reader()).contains(CREDIT);
                    assertThat(s.title()).as(s.reader()).isEqualTo(Fixtures.WEBINAR_TITLE);
                }
                case TITLE -> {
                    assertThat(s.title()).as(s.reader()).isEqualTo(PARTNER + ": " + Fixtures.WEBINAR_TITLE);
                    assertThat(s.content()).as(s.reader()).doesNotContain(CREDIT);
                }
                case AUTHOR -> {
                    assertThat(s.author()).as(s.reader()).contains(PARTNER);
                    assertThat(s.title()).as(s.reader()).isEqualTo(Fixtures.WEBINAR_TITLE);
                    assertThat(s.content()).as(s.reader()).doesNotContain(CREDIT);
                }
                case NONE -> {
                    assertThat(s.title()).as(s.reader()).isEqualTo(Fixtures.WEBINAR_TITLE);
                    assertThat(s.content()).as(s.reader()).doesNotContain(CREDIT);
                    assertThat(s.author()).as(s.reader()).doesNotContain(PARTNER);
                }
            }
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Shown feedparser(Path file) throws Exception {
        Path python = Required.program("python3 with feedparser", "/usr/bin/python3");
        String script = "import feedparser, json, sys\n"
                + "e = feedparser.parse(sys.argv[1]).entries[0]\n"
                + "content = ' '.join([c.value for c in e.get('content', [])] + [e.get('summary', '')])\n"
                + "authors = ', '.join(a.get('name', '') for a in e.get('authors', []))\n"
                + "print(json.dumps({'title': e.get('title', ''), 'author': authors, 'content': content}))\n";
        String out = run(List.of(python.toString(), "-c", script, file.toString()), null);
        Required.present(!out.contains("No module named"), "python3-feedparser is not installed (.ci/run installs it)");
        JsonNode r = JSON.readTree(out);
        return new Shown("feedparser " + file.getFileName(), r.get("title").asText(), r.get("author").asText(),
                r.get("content").asText());
    }

    /** sfeed's TSV: timestamp, title, link, content, content-type, id, author, enclosure, category. */
    private static Shown sfeed(Path file) throws Exception {
        Path sfeed = Required.program("sfeed", "/usr/bin/sfeed");
        String line = run(List.of(sfeed.toString()), file).lines().findFirst().orElseThrow();
        String[] f = line.split("\t", -1);
        return new Shown("sfeed " + file.getFileName(), f[1], f[6], f[3]);
    }

    private static String run(List<String> command, Path stdin) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin != null) b.redirectInput(stdin.toFile());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }
}
