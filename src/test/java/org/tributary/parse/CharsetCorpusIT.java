package org.tributary.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.tributary.config.FetchSettings;
import org.tributary.fetch.FetchRequest;
import org.tributary.fetch.FetchResult;
import org.tributary.fetch.Fetcher;
import org.tributary.testing.Required;

/**
 * The feedparser corpus's {@code encoding/} and {@code illformed/chardet/} files served over HTTP with their
 * {@code Header:} lines, fetched, and decoded the way the parser decodes them; compared with the encoding feedparser
 * expects. Where we differ, it must be for one of our documented rules, never by accident:
 * <ul>
 *   <li>DECLARATION: the XML declaration beats the HTTP charset (feedparser follows RFC 3023: HTTP wins);</li>
 *   <li>NO_ASCII: text/* without a charset is not US-ASCII (RFC 3023's default) but the declaration, else UTF-8;</li>
 *   <li>NO_GUESS: a document with no BOM, declaration or HTTP charset is UTF-8: we do not guess (chardet does).</li>
 * </ul>
 * The tally is written to target/charset-corpus.txt for the README.
 */
class CharsetCorpusIT {

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:+-]{1,40})[\"']");

    enum Verdict { AGREE, DECLARATION, NO_ASCII, NO_GUESS, UNEXPLAINED }

    @Test
    void everyDisagreementWithFeedparserIsOneOfOurDocumentedRules() throws Exception {
        Path corpus = Required.corpus("feedparser/manifest.json").getParent();
        JsonNode manifest = new ObjectMapper().readTree(corpus.resolve("manifest.json").toFile());
        Map<Verdict, List<String>> tally = new TreeMap<>();
        int measured = 0;
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            try (Fetcher allowed = new Fetcher(new FetchSettings("Tributary-test/1.0", Duration.ofSeconds(10), 1 << 20,
                    List.of("127.0.0.1:" + server.getPort())), InstantSource.system())) {
                for (JsonNode row : manifest) {
                    String file = row.get("file").asText();
                    if (!file.startsWith("tests/encoding/") && !file.startsWith("tests/illformed/chardet/")) continue;
                    String expected = expectedEncoding(row);
                    if (expected == null) continue;
                    byte[] bytes = Files.readAllBytes(corpus.resolve(file));
                    MockResponse.Builder response = new MockResponse.Builder().code(200).body(new Buffer().write(bytes));
                    row.get("headers").fields().forEachRemaining(h -> response.addHeader(h.getKey(), h.getValue().asText()));
                    server.enqueue(response.build());
                    FetchResult result = allowed.fetch(new FetchRequest("corpus",
                            URI.create("http://127.0.0.1:" + server.getPort() + "/" + file), null, null));
                    assertThat(result).as(file).isInstanceOf(FetchResult.Fetched.class);
                    FetchResult.Fetched f = (FetchResult.Fetched) result;
                    Charset ours = CharsetSniffer.detect(f.body(), f.contentType()).charset();
                    Verdict v = verdict(expected, ours, f.body(), f.contentType());
                    tally.computeIfAbsent(v, k -> new ArrayList<>()).add(file + " expected " + expected + ", ours " + ours);
                    measured++;
                }
            }
        }
        StringBuilder report = new StringBuilder("files with an expected encoding: " + measured + "\n");
        tally.forEach((v, files) -> report.append(v).append(": ").append(files.size()).append('\n'));
        tally.forEach((v, files) -> {
            if (v != Verdict.AGREE) files.forEach(f -> report.append("  ").append(v).append(' ').append(f).append('\n'));
        });
        Files.writeString(Paths.get("target", "charset-corpus.txt"), report);
        System.out.print(report);
        assertThat(measured).isGreaterThan(60);
        assertThat(tally.getOrDefault(Verdict.UNEXPLAINED, List.of())).isEmpty();
        assertThat(tally.getOrDefault(Verdict.AGREE, List.of()).size()).isGreaterThan(measured / 2);
    }

    private static String expectedEncoding(JsonNode row) {
        for (JsonNode check : row.get("checks")) {
            if ("encoding".equals(check.path("path").asText()) && "eq".equals(check.path("op").asText())) {
                return check.get("value").asText();
            }
        }
        return null;
    }

    private static Verdict verdict(String expected, Charset ours, byte[] body, String contentType) {
        if (same(expected, ours)) return Verdict.AGREE;
        Charset http = CharsetSniffer.httpCharset(contentType);
        String declared = declared(body);
        if (http != null && same(expected, http) && declared != null && same(declared, ours)) return Verdict.DECLARATION;
        boolean textType = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/");
        if (expected.equalsIgnoreCase("us-ascii") && http == null && textType
                && (declared != null ? same(declared, ours) : ours.equals(StandardCharsets.UTF_8))) {
            return Verdict.NO_ASCII;
        }
        if (http == null && declared == null && ours.equals(StandardCharsets.UTF_8)) return Verdict.NO_GUESS;
        return Verdict.UNEXPLAINED;
    }

    /** Names feedparser and Java spell differently; GB18030 is the superset feedparser reports for GB2312. */
    private static boolean same(String name, Charset charset) {
        try {
            Charset c = Charset.forName(name);
            if (c.equals(charset)) return true;
            return c.name().equals("GB18030") && charset.name().equals("GB2312");
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static boolean same(String a, String b) {
        try {
            return Charset.forName(a).equals(Charset.forName(b));
        } catch (IllegalArgumentException unknown) {
            return a.equalsIgnoreCase(b);
        }
    }

    private static String declared(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        return m.find() ? m.group(1) : null;
    }
}
