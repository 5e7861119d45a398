package org.tributary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.publish.SiteIcon;
import org.tributary.publish.Views;
import org.tributary.store.Events;
import org.tributary.store.Store;
import org.tributary.web.ImageProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes every published document as static files for any web server.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write into (created if missing)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = main.spec.commandLine().getErr();
        Config config = main.loadConfig(err);
        if (config == null) return Main.BAD_INPUT;
        Path dir = out.toAbsolutePath();
        Optional<AdminClient> serving = AdminClient.find(main, config, "export");
        if (serving.isPresent()) {
            int files = serving.get().export(dir);
            main.spec.commandLine().getOut().println("export: wrote " + files + " files from the running serve to " + out);
            return Main.OK;
        }
        int files;
        try (Tributary app = main.open(config)) {
            files = writeAll(app, config, dir);
        }
        main.spec.commandLine().getOut().println(summary(files, out));
        return Main.OK;
    }

    static String summary(int files, Path out) {
        return files == 0 ? "export: " + out + " is up to date (nothing published changed since its last export)"
                : "export: wrote " + files + " files to " + out;
    }

    /**
     * Every published document of the config under out; the number of files written, 0 when out already holds what
     * would be written. Serve runs it too.
     */
    static int writeAll(Tributary app, Config config, Path out) throws IOException {
        // Read before anything is rendered: should an event end while the pages are written, the next export finds
        // another span and writes them again.
        Store.PublishVersion version = app.store.version();
        Events.Span span = new Events(app.store).unchangedSpan(app.clock.instant(), Views.CALENDAR_PAST);
        ExportStamp stamp = ExportStamp.of(version, config, span);
        if (stamp.isCurrentIn(out)) return 0;
        int files = writeDocuments(app, config, out);
        if (config.site().imageProxy().enabled()) {
            ImageProxy.Exported images = app.images.export(out.resolve("images"));
            files += images.written();
            // An image that could not be had is asked for again by the next export, not skipped as up to date.
            if (images.missing() > 0) {
                Files.deleteIfExists(out.resolve(ExportStamp.FILE));
                return files;
            }
        }
        stamp.writeTo(out);
        return files;
    }

    private static int writeDocuments(Tributary app, Config config, Path out) throws IOException {
        Views views = new Views(app.publisher, app.store, app.clock);
        int files = 0;
        files += writeView(views, config, null, out);
        for (Topic topic : config.topics()) {
            files += writeView(views, config, topic, out);
            write(out.resolve("topics").resolve(topic.id()).resolve("sources.opml"),
                    app.publisher.opml(config.site(), config.sources(), topic));
            files++;
        }
        write(out.resolve("sources.opml"), app.publisher.opml(config.site(), config.sources()));
        write(out.resolve("assets").resolve("style.css"), app.publisher.css());
        write(out.resolve(app.publisher.embedScriptPath().substring(1)), app.publisher.embedScript(config.site()));
        write(out.resolve(app.publisher.embedStylesheetPath().substring(1)), app.publisher.embedCss());
        write(out.resolve("HEADERS.md"), headers(config.site().cacheMaxAge().toSeconds()));
        for (SiteIcon.Asset icon : SiteIcon.BUNDLED) write(file(out, icon.path()), icon.bytes());
        return files + 5 + SiteIcon.BUNDLED.size();
    }

    /**
     * Every output of one view, each paged as a reader would follow "next", with page links as file names
     * (feed-before-CURSOR.atom, page-before-CURSOR.html, events/page-after-CURSOR.html) since a static server
     * ignores queries. The documents are the server's: {@link Views} assembles both.
     */
    private static int writeView(Views views, Config config, Topic topic, Path out) throws IOException {
        int[] files = {0};
        Views.PageSink sink = page -> {
            write(file(out, page), page.body());
            files[0]++;
        };
        // The page and the three feeds hold the same items: each page of them is read once and written four ways.
        List<Views.Output> together = List.of(Views.Output.PAGE, Views.Output.ATOM, Views.Output.RSS,
                Views.Output.JSON);
        views.walk(config, Views.Request.first(topic, config.site().items(), Views.Output.PAGE, true), together, sink);
        for (Views.Output output : Views.Output.values()) {
            if (together.contains(output)) continue;
            int limit = output == Views.Output.EMBED ? Views.EMBED_ITEMS : config.site().items();
            if (output != Views.Output.EVENTS) {
                views.walk(config, Views.Request.first(topic, limit, output, true), sink);
                continue;
            }
            Set<Path> written = new HashSet<>();
            views.walk(config, Views.Request.first(topic, limit, output, true), page -> {
                written.add(file(out, page));
                sink.accept(page);
            });
            removeOtherPages(written);
        }
        return files[0];
    }

    /**
     * Removes the events pages of an earlier export that this one did not write. Their cursors name the events a
     * page starts after, so once an event is over the pages start at other events and get other names; an old one,
     * still at its address, would list events that are over.
     */
    private static void removeOtherPages(Set<Path> written) throws IOException {
        Path first = written.stream().filter(p -> p.getFileName().toString().equals("index.html")).findFirst()
                .orElseThrow(() -> new IllegalStateException("export: an events view without its first page"));
        try (var pages = Files.list(first.getParent())) {
            for (Path page : pages.toList()) {
                if (LATER_PAGE.matcher(page.getFileName().toString()).matches() && !written.contains(page)) {
                    Files.delete(page);
                }
            }
        }
    }

    private static final Pattern LATER_PAGE = Pattern.compile("page-(after|before)-[^/]+\\.html");

    /** A document's file: its path, with "index.html" for a directory-like page and ".html" for an embed page. */
    private static Path file(Path out, Views.Document page) {
        String href = page.href();
        int query = href.indexOf('?');
        if (query >= 0) href = href.substring(0, query);
        boolean html = page.output() == Views.Output.PAGE || page.output() == Views.Output.EVENTS;
        if (page.output() == Views.Output.EMBED) href += ".html";
        else if (html && !href.endsWith(".html")) href = (href.endsWith("/") ? href : href + "/") + "index.html";
        return file(out, href);
    }

    private static Path file(Path out, String href) {
        return out.resolve(href.substring(1));
    }

    private static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        // Replace atomically so a web server never serves half a file.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** HEADERS.md, with the configured lifetime of the newest pages. */
    static String headers(long cacheMaxAgeSeconds) {
        return HEADERS.formatted(cacheMaxAgeSeconds, Views.HTML_CSP, Views.EMBED_CSP);
    }

    private static final String HEADERS = """
            # Serving these files

            Written by `tributary export`. A static server serves them as they are; add these headers so readers,
            caches and other sites treat them as Tributary's own server does.

            | files | Content-Type | other headers |
            |---|---|---|
            | `*.atom` | `application/atom+xml; charset=utf-8` | `Access-Control-Allow-Origin: *` |
            | `*.rss` | `application/rss+xml; charset=utf-8` | `Access-Control-Allow-Origin: *` |
            | `*.json` | `application/feed+json; charset=utf-8` | `Access-Control-Allow-Origin: *` |
            | `*.opml` | `text/x-opml; charset=utf-8` | `Access-Control-Allow-Origin: *` |
            | `*.ics` | `text/calendar; charset=utf-8` | `Access-Control-Allow-Origin: *` |
            | `embed.js` | `text/javascript; charset=utf-8` | `Access-Control-Allow-Origin: *` |
            | `assets/icon.svg`, `assets/icon.png`, `favicon.ico` | `image/svg+xml`, `image/png`, `image/x-icon` | `Cache-Control: public, max-age=604800` (they change only with a new release) |
            | `*.html` except `embed.html` | `text/html; charset=utf-8` | `Content-Security-Policy: %2$s`, `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin` |
            | `embed.html` | `text/html; charset=utf-8` | `Content-Security-Policy: %3$s` (it exists to be framed by other sites) |
            | `images/*` (site.image_proxy) | each image's own (PNG, JPEG, GIF, WebP or AVIF; the names have no extension, and browsers show them in `<img>` whatever the type) | `Cache-Control: public, max-age=31536000, immutable` (a name is the hash of the image's URL), `Access-Control-Allow-Origin: *` |

            Caching, for every file: `ETag` and `Last-Modified` (most servers derive them from the file), gzip with
            `Vary: Accept-Encoding`, and `Cache-Control: public, max-age=%1$d` (feeds.yml's site.cache_max_age) for
            `index.html`, `feed.*`, `embed.*` and `*.opml`. The older pages (`feed-before-*.*`, `page-before-*.html`)
            hold items that new ones never push into them: give them `Cache-Control: public, max-age=86400`.

            nginx, for example:

            ```nginx
            types { application/atom+xml atom; application/rss+xml rss; application/feed+json json;
                    text/x-opml opml; text/calendar ics; text/javascript js; text/html html; text/css css;
                    image/svg+xml svg; image/png png; image/x-icon ico; }
            gzip on; gzip_types application/atom+xml application/rss+xml application/feed+json text/x-opml
                                text/javascript text/css;
            location ~ \\.(atom|rss|json|opml|ics|js)$ { add_header Access-Control-Allow-Origin "*"; expires 5m; }
            location ~ -before- { expires 1d; add_header Access-Control-Allow-Origin "*"; }
            location ~ \\.(svg|png|ico)$ { expires 7d; }
            ```

            Paged links inside the documents point at these file names, so paging works without a query string.
            """;
}
