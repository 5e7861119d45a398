package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import picocli.CommandLine;

/** import-opml run in-process against real OPML files: what it prints must pass check as it is. */
class ImportOpmlCommandTest {

    private static final String CONFIG = """
            site: { title: T, link: "https://lib.example.org/", base_url: "http://localhost:8080" }
            types: [News, Webinar]
            topics:
              - { id: members, title: Members }
            sources:
              - id: programming-librarian
                title: Programming Librarian
                url: https://programminglibrarian.example.org/feed
              - id: branch-news
                title: Our own branch news
                url: https://lib.example.org/news.rss
            """;

    @TempDir
    Path dir;
    private Path config;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("feeds.yml");
        Files.writeString(config, CONFIG);
    }

    @Test
    void printsEntriesThatCheckAcceptsWhenAppendedToTheConfig() throws Exception {
        Run run = run("import-opml", opml("members_nested.opml").toString(), "--topic", "members", "--kind",
                "library", "--type", "Webinar");

        assertThat(run.exit()).as(run.err()).isZero();
        Files.writeString(config, CONFIG + run.out());
        Run check = run("check");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        Config merged = new ConfigLoader().load(config);
        List<Source> added = merged.sources().subList(2, merged.sources().size());
        assertThat(added).extracting(Source::id).containsExactly("branch-news-2", "bibliotheque-cafe-quotes-1",
                "branch-news-3", "text-only-title", "nameless-example-org");
        assertThat(added).extracting(s -> s.url().toString()).containsExactly("https://north.example.org/feed",
                "https://cafe.example.org/rss", "https://south.example.org/feed", "https://text.example.org/atom",
                "https://nameless.example.org/feed.xml");
        assertThat(added.get(1).title()).isEqualTo("Bibliothèque Café & \"Quotes\": #1");
        assertThat(added.get(0).home()).hasToString("https://north.example.org/");
        assertThat(added).allSatisfy(s -> {
            assertThat(s.topics()).containsExactly("members");
            assertThat(s.kind()).isEqualTo(Source.Kind.LIBRARY);
            assertThat(s.type()).isEqualTo("Webinar");
        });
        assertThat(run.err()).contains("PROGRAMMINGLIBRARIAN.example.org/feed/ is already configured")
                .contains("https://north.example.org/feed is listed above")
                .contains("members_nested.opml:").contains("secret.example.org/feed: has credentials");
        assertThat(run.out()).doesNotContain("pw@");
    }

    @Test
    void withoutOptionsTheDefaultsOfTheConfigApply() throws Exception {
        Run run = run("import-opml", opml("members_nested.opml").toString());
        Files.writeString(config, CONFIG + run.out());

        assertThat(run("check").exit()).isZero();
        assertThat(new ConfigLoader().load(config).sources()).hasSize(7)
                .allSatisfy(s -> assertThat(s.type()).isEqualTo("News"));
    }

    @Test
    void hostileTitlesStayOneQuotedValue() throws Exception {
        Path file = dir.resolve("hostile.opml");
        Files.writeString(file, "<opml version=\"2.0\"><body>"
                + "<outline title=\"line one&#10;  - id: injected&#10;    url: https://evil.example/\\&quot;\" "
                + "xmlUrl=\"https://a.example.org/feed\"/>"
                + "<outline title=\"&#x202E;&#x7F;tab&#9;bell\" xmlUrl=\"https://b.example.org/feed\"/>"
                + "<outline title=\"---\" xmlUrl=\"https://c.example.org/feed\"/>"
                + "</body></opml>");

        Run run = run("import-opml", file.toString());
        Files.writeString(config, CONFIG + run.out());

        assertThat(run("check").exit()).isZero();
        List<Source> sources = new ConfigLoader().load(config).sources();
        assertThat(sources).extracting(Source::id).containsExactly("programming-librarian", "branch-news",
                "line-one-id-injected-url-https-evil-example", "tab-bell", "c-example-org-feed");
        assertThat(sources.get(2).title()).isEqualTo("line one - id: injected url: https://evil.example/\\\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "xxe.opml             | bad OPML: | a DOCTYPE is not allowed",
            "billion_laughs.opml  | bad OPML: | a DOCTYPE is not allowed",
            "not_well_formed.opml | bad OPML: | :5: "})
    void hostileOrBrokenXmlIsRefusedWithTheFileAndLine(String name, String start, String contains) throws Exception {
        Run run = run("import-opml", opml(name).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(start).contains(name).contains(contains).doesNotContain("root:");
    }

    @Test
    void aDocumentThatIsNotOpmlIsRefused() throws Exception {
        Path rss = dir.resolve("feed.xml");
        Files.writeString(rss, "<rss version=\"2.0\"><channel/></rss>");

        Run run = run("import-opml", rss.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("feed.xml:1: not OPML: the root element is <rss>");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--topic, gardening, --topic \"gardening\" is not a declared topic (declared: members)",
            "--kind, vendor, --kind must be partner or library",
            "--type, Podcast, --type \"Podcast\" is not a declared type (declared: News, Webinar)"})
    void anOptionCheckWouldRefuseIsRefusedFirst(String option, String value, String message) throws Exception {
        Run run = run("import-opml", opml("members_nested.opml").toString(), option, value);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path opml(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = ImportOpmlCommandTest.class.getResourceAsStream("/opml/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }
}
