package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.tributary.config.Source;
import org.tributary.parse.FeedParseException;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;
import org.tributary.testing.Required;

/**
 * Every feed of feedparser's test suite (the feed corpus, -Dtributary.corpus) through parse and normalize: nothing but a
 * {@link FeedParseException} may come out, nothing may hang, and no sanitize attack may survive.
 */
class CorpusTest {

    private static final Duration PER_FILE = Duration.ofSeconds(5);
    private static final Pattern HEADER = Pattern.compile("(?m)^Header:\\s*([A-Za-z-]+):\\s*(.*?)\\s*$");
    private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile("(?i)\\son\\w+\\s*=");

    private final FeedParser parser = new FeedParser();
    private final Normalizer normalizer = new Normalizer(250);
    private final Source source = TestSources.source("corpus");

    @Test
    void everyCorpusFeedParsesOrIsRejectedWithAReasonAndNoAttackSurvives() throws IOException {
        Path root = Required.corpus("feedparser/tests");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int parsed = 0;
        Map<String, Integer> rejected = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> attacksSurviving = new ArrayList<>();
        int attackFiles = 0;
        long started = System.nanoTime();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            boolean attack = name.startsWith("wellformed/sanitize/")
                    && !file.getFileName().toString().startsWith("acceptable_");
            try {
                Outcome outcome = assertTimeoutPreemptively(PER_FILE, () -> run(file, name));
                if (outcome.rejection() != null) {
                    rejected.merge(reasonGroup(outcome.rejection().getMessage()), 1, Integer::sum);
                    if (Boolean.getBoolean("tributary.corpus.verbose")) {
                        System.out.println("  rejected " + name + ": " + outcome.rejection().getMessage());
                    }
                    continue;
                }
                parsed++;
                if (attack) {
                    attackFiles++;
                    surviving(outcome.feed()).forEach(s -> attacksSurviving.add(name + ": " + s));
                }
            } catch (AssertionFailedError timeout) {
                failures.add(name + ": " + timeout.getMessage());
            } catch (Exception | StackOverflowError e) {
                failures.add(name + ": " + e);
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("corpus: %d files in %d ms: %d parsed, %d rejected, %d sanitize attack files checked%n",
                files.size(), ms, parsed, rejected.values().stream().mapToInt(Integer::intValue).sum(), attackFiles);
        rejected.forEach((reason, n) -> System.out.printf("  %4d  %s%n", n, reason));

        assertThat(failures).as("only FeedParseException may escape, and nothing may hang").isEmpty();
        assertThat(attacksSurviving).as("script, on* handlers and javascript: URLs must not survive").isEmpty();
        assertThat(parsed).as("most of the corpus is well-formed").isGreaterThan(files.size() / 2);
    }

    /** Either the normalized feed or the parser's refusal; anything else thrown is a failure of the test. */
    private record Outcome(NormalizedFeed feed, FeedParseException rejection) {}

    private Outcome run(Path file, String name) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String head = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.ISO_8859_1);
        String contentType = null;
        URI contentLocation = null;
        Matcher m = HEADER.matcher(head);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase("Content-Type")) contentType = m.group(2);
            if (m.group(1).equalsIgnoreCase("Content-Location")) contentLocation = lenientUri(m.group(2));
        }
        URI requestUrl = URI.create("http://127.0.0.1:8097/tests/" + name);
        ParsedFeed feed;
        try {
            feed = parser.parse(body, contentType, requestUrl, contentLocation);
        } catch (FeedParseException e) {
            return new Outcome(null, e);
        }
        return new Outcome(normalizer.normalize(feed, source), null);
    }

    /** What an attack left behind: active content in HTML, or markup in a title. */
    private static List<String> surviving(NormalizedFeed feed) {
        List<String> found = new ArrayList<>();
        for (Item item : feed.items()) {
            for (String html : List.of(item.summaryHtml(), item.contentHtml())) {
                String lower = html.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("<script") || lower.contains("javascript:") || HANDLER_ATTRIBUTE.matcher(html).find()) {
                    found.add("html " + html);
                }
            }
            if (item.title().toLowerCase(java.util.Locale.ROOT).contains("<script")
                    || !item.title().equals(item.title().strip()) || item.title().contains("\n")) {
                found.add("title " + item.title());
            }
        }
        return found;
    }

    /** "malformed XML at line 3: The element type ..." → "malformed XML at line N". */
    private static String reasonGroup(String message) {
        int colon = message.indexOf(':');
        String head = colon > 0 ? message.substring(0, colon) : message;
        return head.replaceAll("\\d+", "N");
    }

    private static URI lenientUri(String s) {
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
