package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.normalize.Item;
import org.tributary.testing.Items;
import org.tributary.testing.Required;
import org.tributary.testing.StoredItems;

/**
 * The pages as a real browser sees them: Debian's headless Chromium loads the page (and a host page that uses
 * /embed.js), we read back the DOM it built and keep a screenshot under target/. Hostile item text must come out as
 * text. Skipped only when no chromium is installed (.ci/run installs it).
 */
class BrowserIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");
    static final String HOSTILE = "<script>window.pwned=1</script><img src=x onerror=alert(1)>";

    @TempDir
    Path dataDir;

    private WebFixture server;
    private String chromium;

    @BeforeEach
    void start() throws Exception {
        chromium = Required.program("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome").toString();
        server = new WebFixture(dataDir, null);
        server.add("Getting to the Heart of the Community Through Discovery", "Webinar", T0.minusSeconds(86_400 * 16),
                T0, "partnerships");
        server.add("Always Be Listening", "News", T0, T0, "partnerships");
        Item hostile = Items.item("partner", "guid:h").publicId("pid-hostile").guid("h")
                .link(URI.create("javascript:alert(1)")).title(HOSTILE).summaryHtml("<p>x</p>").excerpt(HOSTILE)
                .topics("partnerships").published(T0.minusSeconds(86_400)).contentHash("hh").build();
        StoredItems.saveFetched(server.store, "partner", "u", null, null, List.of(hostile), Set.of(), T0);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** Runs headless Chromium with the given extra arguments and returns what it printed. */
    private String chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory(dataDir, "chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void thePageShowsTheItemsAndAScreenshotIsWritten() throws Exception {
        String url = server.url("/topics/partnerships");
        Document dom = Jsoup.parse(chromium("--dump-dom", url));
        assertThat(dom.select("h1").text()).isEqualTo("Partnerships & collaboration");
        assertThat(dom.select("figcaption").text()).isEqualTo("Photo: jenlen, CC BY-NC-ND 2.0");
        assertThat(dom.select("ol.items article h3").eachText())
                .containsExactly("Always Be Listening", HOSTILE, "Getting to the Heart of the Community Through Discovery");
        assertThat(dom.select("ol.items .meta").get(2).text()).isEqualTo("Publish Date: Webinar / 11 June 2019");
        // The hostile title stayed text: no element came out of it, and its javascript: link was dropped.
        assertThat(dom.select("script, img[onerror]")).isEmpty();
        assertThat(dom.select("a[href^=javascript]")).isEmpty();

        Path shot = Path.of("target", "page.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, "--window-size=1200,1600", url);
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(1000);
        Path narrow = Path.of("target", "page-narrow.png").toAbsolutePath();
        chromium("--screenshot=" + narrow, "--window-size=390,1200", url);
        assertThat(narrow).exists();
    }

    @Test
    void embedJsRendersTheListIntoAnotherSitesPageAsText() throws Exception {
        String host = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
                <body><h1>Our library</h1>
                <div id="list" data-tributary data-topic="partnerships" data-limit="3"></div>
                <script src="%s" async></script></body></html>
                """.formatted(server.url("/embed.js"));
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] body = host.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the browser went away
            }
        });
        site.start();
        try {
            String page = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
            Document dom = Jsoup.parse(chromium("--virtual-time-budget=15000", "--dump-dom", page));
            var list = dom.select("#list");
            assertThat(list.attr("data-tributary-loaded")).isEqualTo("3");
            assertThat(list.select("li .tributary-title").eachText())
                    .containsExactly("Always Be Listening", HOSTILE, "Getting to the Heart of the Community Through Discovery");
            assertThat(list.select("li").get(2).select(".tributary-meta").text()).isEqualTo("Webinar / 11 June 2019");
            assertThat(list.select("li").get(0).select(".tributary-source").text()).isEqualTo("Programming Librarian");
            assertThat(list.select("script, img")).isEmpty();
            assertThat(list.select("a").eachAttr("href")).allSatisfy(h -> assertThat(h).startsWith("https://"));
        } finally {
            site.stop(0);
        }
    }

    /** A server in {@code language} with the items of {@link #start()}'s (not the hostile one). */
    private WebFixture inLanguage(String language) throws Exception {
        WebFixture other = WebFixture.inLanguage(Files.createTempDirectory(dataDir, language), language);
        other.add("Getting to the Heart of the Community Through Discovery", "Webinar", T0.minusSeconds(86_400 * 16),
                T0, "partnerships");
        other.add("Always Be Listening", "News", T0, T0, "partnerships");
        return other;
    }

    /** The host page of {@link #embedJsRendersTheListIntoAnotherSitesPageAsText()}, served on loopback. */
    private static HttpServer hostPage(String scriptUrl) throws IOException {
        String host = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
                <body><h1>Our library</h1>
                <div id="list" data-tributary data-topic="partnerships" data-limit="3"></div>
                <script src="%s" async></script></body></html>
                """.formatted(scriptUrl);
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] body = host.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the browser went away
            }
        });
        site.start();
        return site;
    }

    @Test
    void theHomePageInFrenchAndGermanAsTheBrowserShowsIt() throws Exception {
        for (String language : List.of("fr", "de")) {
            try (WebFixture other = inLanguage(language)) {
                String url = other.url("/");
                Document dom = Jsoup.parse(chromium("--dump-dom", url));
                assertThat(dom.select("html").attr("lang")).isEqualTo(language);
                assertThat(dom.select("ol.items .meta").get(1).text().replace('\u00a0', ' ')).isEqualTo(
                        language.equals("fr") ? "Date de publication : Webinar / 11 juin 2019"
                                : "Veröffentlicht: Webinar / 11. Juni 2019");
                assertThat(dom.select(".skip").text()).isEqualTo(language.equals("fr") ? "Aller à la liste"
                        : "Zur Liste springen");

                Path shot = Path.of("target", "page-" + language + ".png").toAbsolutePath();
                Files.createDirectories(shot.getParent());
                Files.deleteIfExists(shot);
                chromium("--screenshot=" + shot, "--window-size=1200,1600", url);
                assertThat(shot).exists();
                assertThat(Files.size(shot)).isGreaterThan(1000);
            }
        }
    }

    @Test
    void embedJsOfAFrenchSiteWritesFrenchDatesAndMarksItsListFrench() throws Exception {
        try (WebFixture french = inLanguage("fr")) {
            HttpServer site = hostPage(french.url("/embed.js"));
            try {
                String page = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
                Document dom = Jsoup.parse(chromium("--virtual-time-budget=15000", "--dump-dom", page));
                var list = dom.select("#list");
                assertThat(list.attr("data-tributary-loaded")).isEqualTo("2");
                assertThat(list.select("ul").attr("lang")).isEqualTo("fr");
                assertThat(list.select("li .tributary-meta").eachText())
                        .containsExactly("News / 27 juin 2019", "Webinar / 11 juin 2019");
            } finally {
                site.stop(0);
            }
        }
    }

    /** A site in Chicago's zone in {@code language} with a timed event (a place, a registration) and a cancelled all-day one. */
    private WebFixture withEvents(String language) throws Exception {
        WebFixture events = WebFixture.withSite(Files.createTempDirectory(dataDir, "events-" + language),
                "  timezone: America/Chicago\n  language: " + language + "\n");
        java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
        // 19:00 in Chicago on 11 June is already 12 June in UTC: the zone decides the day shown.
        events.addEvent("Grant writing", new org.tributary.normalize.Event(Instant.parse("2026-06-12T00:00:00Z"),
                Instant.parse("2026-06-12T01:00:00Z"), false, chicago, "Online", null, null, false,
                URI.create("https://cal.example.org/register")), T0, "partnerships");
        events.addEvent("Book fair", new org.tributary.normalize.Event(Instant.parse("2026-06-20T05:00:00Z"), null,
                true, chicago, "Main library", null, null, true, null), T0.minusSeconds(3600), "partnerships");
        return events;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "fr"})
    void embedJsWritesTheEventLineAsThePagesDoInTheSitesZoneAndLanguage(String language) throws Exception {
        try (WebFixture events = withEvents(language); org.tributary.testing.Chromium browser =
                org.tributary.testing.Chromium.start(dataDir)) {
            Document embed = Jsoup.parse(WebFixture.text(events.get("/embed?topic=partnerships")));
            List<String> pages = embed.select("p.event").eachText();
            assertThat(pages).hasSize(2);
            if (language.equals("en")) {
                assertThat(pages).containsExactly("Thursday 11 June 2026, 7:00–8:00 pm CDT · Online · Register",
                        "Cancelled · Saturday 20 June 2026, all day · Main library");
            }
            HttpServer site = hostPage(events.url("/embed.js"));
            try {
                org.tributary.testing.Chromium.Page page = browser.open(1280, 800, false)
                        .go("http://127.0.0.1:" + site.getAddress().getPort() + "/");
                page.until("document.querySelector('#list').getAttribute('data-tributary-loaded') === '2'");
                List<String> script = new ArrayList<>();
                page.eval("[...document.querySelectorAll('#list .tributary-event')].map(e => e.textContent)")
                        .forEach(n -> script.add(n.asText()));
                // The same words and the same days and times as the server's own pages, space for space.
                assertThat(script.stream().map(t -> t.replace('\u202f', ' ').replace('\u00a0', ' ')).toList())
                        .containsExactlyElementsOf(pages.stream().map(t -> t.replace('\u202f', ' ').replace('\u00a0', ' ')).toList());
                assertThat(page.eval("document.querySelector('#list .tributary-register').href").asText())
                        .isEqualTo("https://cal.example.org/register");
                assertThat(page.console()).noneMatch(line -> line.startsWith("exception"));
            } finally {
                site.stop(0);
            }
        }
    }

    /** Five items of the seed page, the longest titles among them and an event line, in the topic partnerships. */
    private WebFixture seedItems() throws Exception {
        WebFixture seed = WebFixture.withSite(Files.createTempDirectory(dataDir, "seed"),
                "  timezone: America/Chicago\n");
        seed.add("Always Be Listening: How Public Libraries are Approaching Community Engagement as a Mindset", "News",
                T0, T0, "partnerships");
        seed.addEvent("Getting to the Heart of the Community Through Discovery", new org.tributary.normalize.Event(
                Instant.parse("2026-06-12T00:00:00Z"), Instant.parse("2026-06-12T01:00:00Z"), false,
                java.time.ZoneId.of("America/Chicago"), "Online", null, null, false,
                URI.create("https://cal.example.org/register")), T0.minusSeconds(86_400 * 16), "partnerships");
        seed.add("Planning a Library Con or Pop Culture Festival", "News", T0.minusSeconds(86_400 * 35), T0,
                "partnerships");
        seed.add("Not Just Deodorant: Teen Hygiene Health Center at the Rockwood Makerspace", "News",
                T0.minusSeconds(86_400 * 121), T0, "partnerships");
        seed.add("The Future Is Now: Virtual, Augmented, and Mixed Reality in Public Libraries", "Webinar",
                T0.minusSeconds(86_400 * 155), T0, "partnerships");
        return seed;
    }

    /** The first ```html block of docs/embedding.md that contains {@code marker}, pointed at {@code server}. */
    static String documented(String marker, WebFixture server) throws IOException {
        String doc = Files.readString(Path.of("docs", "embedding.md"));
        var blocks = java.util.regex.Pattern.compile("(?s)```html\n(.*?)```").matcher(doc);
        while (blocks.find()) {
            if (blocks.group(1).contains(marker)) {
                return blocks.group(1).replace("https://feeds.example.org", server.url(""));
            }
        }
        throw new AssertionError("docs/embedding.md has no html block with " + marker);
    }

    /** A library's page around the documented iframe, with or without the documented height listener. */
    static String framingPage(WebFixture server, String query, boolean listener) throws IOException {
        String frame = documented("<iframe", server).replace("/embed?topic=partnerships&limit=5", "/embed" + query);
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>Our library</title></head>
                <body><main><h1>Our library</h1><p>News from our partners:</p>
                %s%s<p>Opening hours: 9 to 5.</p></main></body></html>
                """.formatted(frame, listener ? documented("tributary:height", server) : "");
    }

    /** The embed frame's size and its "More" link's place, as the frame itself sees them (CSS pixels). */
    private static com.fasterxml.jackson.databind.JsonNode frameBox(org.tributary.testing.Chromium.Page page,
                                                                   String frameUrl) throws Exception {
        return page.evalInFrame(frameUrl, "({content: Math.ceil(document.documentElement.getBoundingClientRect().height),"
                + " scroll: document.documentElement.scrollHeight, inner: innerHeight,"
                + " more: document.querySelector('p.more a').getBoundingClientRect().bottom,"
                + " items: document.querySelectorAll('ol.items > li').length})");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {320, 390, 768, 1280})
    void withTheListenerTheFrameIsAsTallAsItsListAndWithoutItTheDocumentedHeightClipsNothing(int width)
            throws Exception {
        try (WebFixture seed = seedItems(); org.tributary.testing.LocalSite site = new org.tributary.testing.LocalSite();
             org.tributary.testing.Chromium browser = org.tributary.testing.Chromium.start(dataDir)) {
            site.page("/listening.html", framingPage(seed, "?topic=partnerships", true));
            site.page("/static.html", framingPage(seed, "?topic=partnerships", false));
            String frameUrl = seed.url("/embed");

            var page = browser.open(width, 900, false).go(site.url("/listening.html"));
            page.untilInFrame(frameUrl, "document.readyState === 'complete'");
            // The frame takes its list's height: the message arrived and the listener applied it.
            page.until("(() => { const f = document.querySelector('iframe'); return f.style.height !== ''"
                    + " && !f.style.height.endsWith('rem'); })()");
            var box = frameBox(page, frameUrl);
            assertThat(box.get("items").asInt()).isEqualTo(5);
            int frameHeight = page.eval("document.querySelector('iframe').getBoundingClientRect().height").asInt();
            assertThat(frameHeight).as("frame height at %d px", width).isEqualTo(box.get("content").asInt());
            assertThat(box.get("scroll").asInt()).as("nothing scrolls in the frame").isLessThanOrEqualTo(box.get("inner").asInt());
            assertThat(box.get("more").asDouble()).as("More inside the frame").isLessThanOrEqualTo(box.get("inner").asDouble());
            if (width == 390 || width == 1280) {
                page.screenshot(Path.of("target", "screenshots", "embed-iframe-" + width + ".png"));
            }
            // Narrower, the list wraps taller: the frame follows (ResizeObserver), still to the pixel.
            if (width > 320) {
                page.resize(320, 900);
                page.until("document.querySelector('iframe').getBoundingClientRect().height > " + frameHeight);
                await(() -> {
                    var narrow = frameBox(page, frameUrl);
                    int now = page.eval("document.querySelector('iframe').getBoundingClientRect().height").asInt();
                    return now == narrow.get("content").asInt() && narrow.get("scroll").asInt() <= narrow.get("inner").asInt();
                });
            }
            assertThat(page.console()).noneMatch(line -> line.startsWith("exception"));
            page.close();

            var fixed = browser.open(width, 900, false).go(site.url("/static.html"));
            fixed.untilInFrame(frameUrl, "document.readyState === 'complete'");
            var still = frameBox(fixed, frameUrl);
            assertThat(fixed.eval("document.querySelector('iframe').style.height").asText()).endsWith("rem");
            assertThat(still.get("items").asInt()).isEqualTo(5);
            assertThat(still.get("more").asDouble()).as("More inside the documented height at %d px", width)
                    .isLessThanOrEqualTo(still.get("inner").asDouble());
            assertThat(still.get("scroll").asInt()).as("nothing clipped at %d px", width)
                    .isLessThanOrEqualTo(still.get("inner").asInt());
            fixed.close();
        }
    }

    private static final String LIGHT = "rgb(253, 253, 252)";
    private static final String DARK = "rgb(22, 22, 22)";

    /** A light library page (its own colours, no colour scheme of its own) around the widget markup given. */
    static String lightHostPage(String widget) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>Our library</title>
                <style>body { background: #ffffff; color: #222222; }</style></head>
                <body><main><h1>Our library</h1>%s</main></body></html>
                """.formatted(widget);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "?theme=light, true, light", "?theme=LIGHT, true, light", "?theme=dark, false, dark",
        "'', true, dark", "'', false, light", "?theme=auto, true, dark"})
    void theFramesThemeDecidesItsBackgroundWhateverTheVisitorsScheme(String query, boolean darkVisitor,
                                                                    String seen) throws Exception {
        String background = seen.equals("light") ? LIGHT : DARK;
        try (org.tributary.testing.LocalSite site = new org.tributary.testing.LocalSite();
             org.tributary.testing.Chromium browser = org.tributary.testing.Chromium.start(dataDir)) {
            site.page("/", lightHostPage("<iframe src=\"" + server.url("/embed" + query)
                    + "\" title=\"Partner news\" style=\"border:0;width:100%;height:46rem\"></iframe>"));
            var page = browser.open(1280, 900, darkVisitor).go(site.url("/"));
            String frame = server.url("/embed");
            page.untilInFrame(frame, "document.readyState === 'complete'");
            assertThat(page.evalInFrame(frame, "getComputedStyle(document.documentElement).backgroundColor").asText())
                    .as("/embed%s for a %s visitor", query, darkVisitor ? "dark" : "light").isEqualTo(background);
            // The text takes the theme's colour too: light text on dark, dark text on light.
            String text = page.evalInFrame(frame, "getComputedStyle(document.querySelector('h2 a')).color").asText();
            assertThat(text).isEqualTo(background.equals(LIGHT) ? "rgb(11, 83, 148)" : "rgb(140, 196, 255)");
            assertThat(page.eval("getComputedStyle(document.body).backgroundColor").asText()).isEqualTo("rgb(255, 255, 255)");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "light, true, light", "LIGHT, true, light", "Dark, false, dark", "auto, true, dark", "auto, false, light"})
    void embedJsDataThemeGivesTheWidgetItsOwnColours(String theme, boolean darkVisitor, String seen)
            throws Exception {
        String background = seen.equals("light") ? LIGHT : DARK;
        try (org.tributary.testing.LocalSite site = new org.tributary.testing.LocalSite();
             org.tributary.testing.Chromium browser = org.tributary.testing.Chromium.start(dataDir)) {
            site.page("/", lightHostPage("<div id=\"list\" data-tributary data-topic=\"partnerships\"></div>"
                    + "<script src=\"" + server.url("/embed.js") + "\" data-theme=\"" + theme + "\" async></script>"));
            var page = browser.open(1280, 900, darkVisitor).go(site.url("/"));
            page.until("document.querySelector('#list').getAttribute('data-tributary-loaded') === '3'");
            assertThat(page.eval("document.querySelector('#list').getAttribute('data-tributary-theme')").asText())
                    .isEqualTo(theme.toLowerCase(java.util.Locale.ROOT));
            // The script linked embed.css (the page did not), once.
            assertThat(page.eval("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)").toString())
                    .isEqualTo("[\"" + server.url("/assets/embed.css") + "\"]");
            page.until("getComputedStyle(document.querySelector('#list')).backgroundColor === '" + background + "'");
            assertThat(page.eval("getComputedStyle(document.querySelector('#list .tributary-title')).color").asText())
                    .isEqualTo(background.equals(LIGHT) ? "rgb(11, 83, 148)" : "rgb(140, 196, 255)");
            // The rest of the host page keeps its own colours.
            assertThat(page.eval("getComputedStyle(document.body).backgroundColor").asText()).isEqualTo("rgb(255, 255, 255)");
            assertThat(page.console()).noneMatch(line -> line.startsWith("exception") || line.startsWith("warning"));
        }
    }

    @Test
    void embedJsWithoutATheme_keepsTheHostsColours_andAnUnknownOneSaysSo() throws Exception {
        try (org.tributary.testing.LocalSite site = new org.tributary.testing.LocalSite();
             org.tributary.testing.Chromium browser = org.tributary.testing.Chromium.start(dataDir)) {
            String css = server.url("/assets/embed.css");
            site.page("/plain.html", lightHostPage("<link rel=\"stylesheet\" href=\"" + css + "\">"
                    + "<div id=\"list\" data-tributary data-topic=\"partnerships\"></div>"
                    + "<script src=\"" + server.url("/embed.js") + "\" async></script>"));
            site.page("/typo.html", lightHostPage("<div id=\"list\" data-tributary data-topic=\"partnerships\"></div>"
                    + "<script src=\"" + server.url("/embed.js") + "\" data-theme=\"blue\" async></script>"));
            for (String path : List.of("/plain.html", "/typo.html")) {
                var page = browser.open(1280, 900, true).go(site.url(path));
                page.until("document.querySelector('#list').getAttribute('data-tributary-loaded') === '3'");
                assertThat(page.eval("document.querySelector('#list').hasAttribute('data-tributary-theme')").asBoolean())
                        .isFalse();
                assertThat(page.eval("getComputedStyle(document.querySelector('#list')).backgroundColor").asText())
                        .as(path).isEqualTo("rgba(0, 0, 0, 0)");
                assertThat(page.eval("getComputedStyle(document.querySelector('#list .tributary-source')).color").asText())
                        .as(path).isEqualTo("rgb(34, 34, 34)");
                if (path.equals("/typo.html")) {
                    assertThat(page.console()).anyMatch(line -> line.startsWith("warning")
                            && line.contains("data-theme='blue' is not a theme; use light, dark or auto"));
                }
                page.close();
            }
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions().until(condition);
    }
}
