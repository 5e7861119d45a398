package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.testing.Required;

/**
 * The event module, the image credit and the site icon as real consumers take them: the W3C validator's checks
 * (validate-feed, 0 errors) and Debian's feedparser, which reads ev:startdate as ev_startdate.
 */
class FeedExtensionsIT {

    @TempDir
    Path dir;

    private static Path tool(String name) {
        Path tool = Paths.get(System.getProperty("tributary.tools", "../shared/tools")).resolve(name);
        Required.present(Files.isExecutable(tool), name + " is expected at " + tool.toAbsolutePath().normalize()
                + " (-Dtributary.tools=DIR)");
        return tool;
    }

    private Path written(String format) throws Exception {
        return written(format, Fixtures.SITE.toBuilder().icon(URI.create("https://library.example.org/icon.png"))
                .build());
    }

    private Path written(String format, org.tributary.config.Site site) throws Exception {
        FeedView view = FeedView.merged(site, Fixtures.TOPICS, "", List.of(Fixtures.EVENT, Fixtures.WEBINAR),
                Fixtures.SOURCES_BY_ID, Fixtures.RENDERED);
        Publisher publisher = new Publisher();
        Path file = dir.resolve("feed." + format);
        Files.writeString(file, format.equals("atom") ? publisher.atom(view) : publisher.rss(view));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void validatesWithoutErrors(String format) throws Exception {
        assertValid(written(format), format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void validatesWithoutErrorsWithTheBundledIcon(String format) throws Exception {
        Path file = written(format, Fixtures.SITE);
        assertThat(Files.readString(file)).contains("http://localhost:8080/assets/icon.png");
        assertValid(file, format);
    }

    /** The W3C validator's own checks, offline: no error (warnings are allowed). */
    private static void assertValid(Path file, String format) throws Exception {
        Result r = run(List.of(tool("validate-feed").toString(), file.toString(),
                "http://localhost:8080/feed." + format));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("(?m)^0 errors,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom", "rss"})
    void feedparserReadsTheEventTheCreditAndTheIcon(String format) throws Exception {
        Path python = Required.program("python3 with feedparser", "/usr/bin/python3");
        String script = "import feedparser, sys\n"
                + "d = feedparser.parse(sys.argv[1]); e = d.entries[0]\n"
                + "print(e['ev_startdate']); print(e['ev_enddate']); print(e['ev_location'])\n"
                + "print(e['media_credit'][0]['content']); print(e['media_thumbnail'][0]['url'])\n"
                + "print(d.feed.get('icon') or d.feed.image.href)\n";
        Result r = run(List.of(python.toString(), "-c", script, written(format).toString()));
        Required.present(!r.out().contains("No module named"), "python3-feedparser is not installed");
        assertThat(r.out().lines().toList()).as(r.out()).containsExactly("2019-07-11T14:00:00-05:00",
                "2019-07-11T15:00:00-05:00", "Online", Fixtures.PHOTO_CREDIT, Fixtures.WEBINAR_IMAGE,
                "https://library.example.org/icon.png");
    }

    private record Result(int exit, String out) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Result(p.exitValue(), out);
    }
}
