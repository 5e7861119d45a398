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
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tributary.config.Site;
import org.tributary.testing.Required;

/**
 * site.source_credit as real readers show it: Debian's python3-feedparser, sfeed (what its frontends display:
 * title, content, author), newsboat (what it stored for its item view) and rss2email (the mail it wrote: sender's
 * name, subject, body; as plain text, its default, and as HTML) read the Atom and RSS, Jackson the JSON Feed. The
 * partner's name must be where the mode puts it in every format, and nowhere new under "none".
 */
class SourceCreditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "Programming Librarian";
    private static final String CREDIT = "From " + PARTNER;
    /** A link in html2text's Markdown, as rss2email's plain-text mail writes it: the text is what a reader reads. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");

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
        shown.add(newsboat(atom));
        shown.add(newsboat(rss));
        shown.addAll(rss2email(atom, rss, false));
        shown.addAll(rss2email(atom, rss, true));
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

    /**
     * newsboat reloads the file without its interface ({@code -x reload}); its item view shows the title, author and
     * content it stored in its cache's {@code rss_item} table, read here with Python's sqlite3. One cache per file:
     * newsboat keeps one item per guid, and the Atom and RSS items share theirs.
     */
    private Shown newsboat(Path file) throws Exception {
        Path newsboat = Required.program("newsboat", "/usr/bin/newsboat");
        Path python = Required.program("python3", "/usr/bin/python3");
        Path home = Files.createDirectories(dir.resolve("newsboat-" + file.getFileName()));
        Path urls = Files.writeString(home.resolve("urls"), file.toUri() + "\n");
        Path config = Files.writeString(home.resolve("config"), "");
        Path cache = home.resolve("cache.db");
        runChecked(home, List.of(newsboat.toString(), "-u", urls.toString(), "-c", cache.toString(), "-C",
                config.toString(), "-x", "reload"));
        String script = "import sqlite3, json, sys\n"
                + "rows = sqlite3.connect(sys.argv[1]).execute("
                + "'select feedurl, title, author, content from rss_item order by id').fetchall()\n"
                + "print(json.dumps([dict(feed=r[0], title=r[1], author=r[2], content=r[3]) for r in rows]))\n";
        JsonNode rows = JSON.readTree(runChecked(home, List.of(python.toString(), "-c", script, cache.toString())));
        JsonNode row = first(rows, "feed", file.toUri().toString(), "newsboat stored no item of " + file);
        return new Shown("newsboat " + file.getFileName(), row.get("title").asText(), row.get("author").asText(),
                row.get("content").asText());
    }

    /**
     * rss2email delivers each item of both files to a maildir, as plain text (its default: html2text's Markdown, whose
     * {@code [text](url)} a reader reads as the text) or as HTML mail ({@code html-mail}); a mail reader shows the
     * From header's display name ({@code name-format}, by default "{feed-title}: {author}"), the subject and the body.
     */
    private List<Shown> rss2email(Path atom, Path rss, boolean html) throws Exception {
        Path r2e = Required.program("rss2email (r2e)", "/usr/bin/r2e");
        Path python = Required.program("python3", "/usr/bin/python3");
        Path home = Files.createDirectories(dir.resolve("rss2email-" + (html ? "html" : "text")));
        Path maildir = Files.createDirectories(home.resolve("Maildir"));
        Path config = home.resolve("rss2email.cfg");
        Path data = home.resolve("rss2email.json");
        Files.writeString(config, "[DEFAULT]\nto = reader@example.org\nemail-protocol = maildir\nmaildir-path = "
                + maildir + "\nmaildir-mailbox = INBOX\nhtml-mail = " + (html ? "True" : "False") + "\n");
        for (Path file : List.of(atom, rss)) {
            runChecked(home, List.of(r2e.toString(), "-c", config.toString(), "-d", data.toString(), "add",
                    file.getFileName().toString().replace('.', '-'), file.toUri().toString()));
        }
        runChecked(home, List.of(r2e.toString(), "-c", config.toString(), "-d", data.toString(), "run"));
        String script = "import email, email.policy, json, pathlib, sys\n"
                + "out = []\n"
                + "for f in sorted(pathlib.Path(sys.argv[1]).glob('INBOX/new/*')):\n"
                + "    m = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)\n"
                + "    body = m.get_body(('html', 'plain'))\n"
                + "    out.append(dict(feed=m['X-RSS-Feed'], type=body.get_content_type(),\n"
                + "        sender=m['From'].addresses[0].display_name, subject=str(m['Subject']),\n"
                + "        body=body.get_content()))\n"
                + "print(json.dumps(out))\n";
        JsonNode mails = JSON.readTree(runChecked(home, List.of(python.toString(), "-c", script, maildir.toString())));
        List<Shown> shown = new ArrayList<>();
        for (Path file : List.of(atom, rss)) {
            JsonNode mail = first(mails, "feed", file.toUri().toString(), "rss2email wrote no mail of " + file);
            assertThat(mail.get("type").asText()).as("rss2email's mail of " + file)
                    .isEqualTo(html ? "text/html" : "text/plain");
            String body = mail.get("body").asText();
            if (!html) body = MARKDOWN_LINK.matcher(body).replaceAll("$1");
            shown.add(new Shown("rss2email " + (html ? "html " : "text ") + file.getFileName(),
                    mail.get("subject").asText(), mail.get("sender").asText(), body));
        }
        return shown;
    }

    private static JsonNode first(JsonNode rows, String field, String value, String missing) {
        for (JsonNode row : rows) {
            if (row.path(field).asText().equals(value)) return row;
        }
        throw new AssertionError(missing + " (it stored " + rows + ")");
    }

    /** Runs {@code command} with HOME set to {@code home}; its output, or a failure naming it and what it printed. */
    private static String runChecked(Path home, List<String> command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(home.toFile());
        b.environment().put("HOME", home.toString());
        b.redirectError(home.resolve("stderr.log").toFile());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited " + p.exitValue() + ": " + out
                    + Files.readString(home.resolve("stderr.log")));
        }
        return out;
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
