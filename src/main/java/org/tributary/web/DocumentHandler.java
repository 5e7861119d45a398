package org.tributary.web;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.publish.EmbedTheme;
import org.tributary.publish.FeedFormat;
import org.tributary.publish.SiteIcon;
import org.tributary.publish.Views;

/**
 * GET and HEAD of every published document (/, /feed.*, /topics/{id}[/feed.*|/sources.opml], /embed, /embed.js,
 * /sources.opml, /assets/style.css, the bundled icon), answered by a Jetty core handler in front of Javalin: the documents are bytes
 * in memory, and Javalin's per-request machinery (servlet request, context, routing, copying the body through an
 * InputStream) cost more than half the rate nginx reaches on the same bytes (bench/serve). Everything else (other
 * paths, other methods) goes on to Javalin unchanged. As Javalin did, a trailing slash is ignored.
 *
 * <p>The handler is non-blocking, so Jetty calls it on the thread that read the request rather than handing every
 * request to a pool thread: that hand-off was most of what a 304 still cost (bench/serve). The rule it keeps in
 * return: nothing on that thread may block. A document already in memory is answered there; a document that must be
 * rendered (the store is read) and every request for Javalin (its servlets block) are first dispatched to the
 * server's thread pool.
 */
final class DocumentHandler extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(DocumentHandler.class);

    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField CORS = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final HttpField PLAIN = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "text/plain; charset=utf-8");

    /** The security headers of an HTML document, by page kind; a non-HTML document gets only {@link #NOSNIFF}. */
    static final List<HttpField> HTML_SECURITY = security(Views.HTML_CSP);
    static final List<HttpField> EMBED_SECURITY = security(Views.EMBED_CSP);

    private final Supplier<Config> config;
    private final Documents documents;
    private final Metrics metrics;
    private final Map<String, FeedFormat> feeds = new HashMap<>();
    private static final java.util.Set<String> FEEDS = java.util.Arrays.stream(FeedFormat.values())
            .map(f -> "feed." + f.extension()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The bundled icon's files by path. */
    private static final Map<String, SiteIcon.Asset> ICONS = SiteIcon.BUNDLED.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(SiteIcon.Asset::path, a -> a));

    /** @param metrics counts the pages and feeds served; null for none */
    DocumentHandler(Supplier<Config> config, Documents documents, Metrics metrics) {
        this.config = config;
        this.documents = documents;
        this.metrics = metrics;
        for (FeedFormat format : FeedFormat.values()) feeds.put("feed." + format.extension(), format);
    }

    private static List<HttpField> security(String csp) {
        return List.of(new PreEncodedHttpField("Content-Security-Policy", csp), NOSNIFF,
                new PreEncodedHttpField("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    /** What became of a request: answered, not a document (Javalin's), or a document that must be rendered. */
    private enum Outcome { ANSWERED, NOT_A_DOCUMENT, NOT_IN_MEMORY }

    /** One request to a document route, and where its document may come from. */
    private record Exchange(Request request, Response response, Callback callback, String path, boolean head,
                            Documents.Mode mode) {
        /** The same request, on a thread where its document may be rendered. */
        Exchange rendering() {
            return new Exchange(request, response, callback, path, head, Documents.Mode.RENDER);
        }
    }

    /** Work that may block, run on a pool thread. */
    @FunctionalInterface
    private interface Blocking {
        void run() throws Exception;
    }

    /**
     * Non-blocking whatever the handlers behind it are: Jetty combines the types of the whole handler tree, and
     * Javalin's servlet context is blocking. It is safe because {@link #handle} blocks on nothing itself and
     * dispatches everything that may block.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request original, Response response, Callback callback) throws Exception {
        Request request = underBasePath(original, config.get().site().basePath());
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        Exchange x = new Exchange(request, response, callback, request.getHttpURI().getPath(), head,
                Documents.Mode.MEMORY);
        Outcome outcome = head || HttpMethod.GET.is(method) ? answer(x) : Outcome.NOT_A_DOCUMENT;
        switch (outcome) {
            case ANSWERED -> { }
            case NOT_A_DOCUMENT -> dispatch(request, response, callback, () -> next(request, response, callback));
            case NOT_IN_MEMORY -> dispatch(request, response, callback, () -> {
                if (answer(x.rendering()) != Outcome.ANSWERED) next(request, response, callback);
            });
        }
        return true;
    }

    /**
     * The request as if it came to the server's root, when site.base_url has a path and the request's path starts
     * with it: a reverse proxy that keeps the prefix (/news/feed.atom) and one that strips it (/feed.atom) are both
     * answered, and so are Javalin's routes (/news/status.html). Any other request is returned as it came.
     */
    static Request underBasePath(Request request, String basePath) {
        if (basePath.isEmpty()) return request;
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(basePath)) return request;
        String rest = path.substring(basePath.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) return request;
        HttpURI uri = HttpURI.build(request.getHttpURI()).path(rest.isEmpty() ? "/" : rest);
        return new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return uri;
            }
        };
    }

    /**
     * Whether the path is one of the documents' routes (which answer GET and HEAD only): another method there that
     * Javalin does not take is a 405, not a 404.
     */
    static boolean isDocumentRoute(String path) {
        String route = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (route) {
            case "/", "/embed", "/embed.js", "/sources.opml", "/assets/style.css", "/assets/embed.css", "/robots.txt",
                 "/events", "/events.ics": return true;
            default: break;
        }
        if (ICONS.containsKey(route)) return true;
        if (route.startsWith("/topics/")) {
            String rest = route.substring("/topics/".length());
            int slash = rest.indexOf('/');
            if (slash == 0 || rest.isEmpty()) return false;
            if (slash < 0) return true;
            String sub = rest.substring(slash + 1);
            return FEEDS.contains(sub) || sub.equals("sources.opml") || sub.equals("events") || sub.equals("events.ics");
        }
        return route.startsWith("/") && route.indexOf('/', 1) < 0 && FEEDS.contains(route.substring(1));
    }

    /**
     * Runs work on a pool thread. Whatever it throws is logged here and answered with a bare 500 (a 503 when only
     * memory or a render's store was missing), never with the exception's text.
     */
    private static void dispatch(Request request, Response response, Callback callback, Blocking work) {
        try {
            request.getContext().execute(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    logFailure(request.getMethod(), request.getHttpURI().getPath(), e);
                    failed(request, response, callback, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("web: {} {} refused: no thread to run it", request.getMethod(), request.getHttpURI().getPath());
            callback.failed(e);
        }
    }

    /**
     * Unexpected failures of a request: a full trace once per distinct cause per minute, then a count (a request
     * that fails may come a thousand times a second). Shared by every handler of the process, as the log is.
     */
    private static final org.tributary.logging.RepeatedFailures UNEXPECTED =
            new org.tributary.logging.RepeatedFailures(log);

    /** None while the store fails (it logs itself once a minute); else as {@link #UNEXPECTED} allows. */
    private static void logFailure(String method, String path, Throwable e) {
        if (org.tributary.store.Store.isStoreFailure(e)) log.debug("web: {} {} failed: {}", method, path, e.toString());
        else UNEXPECTED.error(e, "web: {} {} failed: {}", method, path, e.toString());
    }

    /** Answers a request whose handling threw, if nothing was sent yet; else fails the exchange. */
    private static void failed(Request request, Response response, Callback callback, Throwable e) {
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        response.reset();
        // Readable cross-origin, as the 404 is: a widget's fetch of a feed that fails sees the status, not a CORS
        // error. The answer names nothing of the failure.
        response.getHeaders().put(CORS);
        // A failing store is not an error of ours or the client's: 503 with Retry-After, as a proxy or a feed
        // reader then tries again rather than giving up on the feed.
        if (e instanceof OutOfMemoryError || e instanceof Documents.Unavailable
                || org.tributary.store.Store.isStoreFailure(e)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            plain(request, response, callback, false, 503, "temporarily unavailable; try again");
        } else {
            plain(request, response, callback, false, 500, "internal error");
        }
    }

    /** Javalin's turn, on a pool thread; a request that it does not take is a 404, as Jetty would answer. */
    private void next(Request request, Response response, Callback callback) throws Exception {
        if (!super.handle(request, response, callback)) {
            response.getHeaders().put(CORS);
            plain(request, response, callback, false, HttpStatus.NOT_FOUND_404, "not found");
        }
    }

    /** Answers a GET or HEAD of a document, unless it is not a document's route or its document is not at hand. */
    private Outcome answer(Exchange x) {
        String path = x.path();
        String route = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        try {
            return serve(x, route);
        } catch (RuntimeException | OutOfMemoryError e) {
            // One line, not a stack trace per request: a request that fails may come a thousand times a second.
            logFailure(x.request().getMethod(), path, e);
            if (x.response().isCommitted()) throw e;
            failed(x.request(), x.response(), x.callback(), e);
            return Outcome.ANSWERED;
        }
    }

    /** The answer to a document's route; NOT_A_DOCUMENT for any other route. */
    private Outcome serve(Exchange x, String route) {
        switch (route) {
            case "/": return page(x, null, false);
            case "/embed": return embed(x);
            case "/embed.js": return send(x, documents.embedScript(x.mode()), true, null);
            case "/sources.opml": return send(x, documents.opml(null, x.mode()), true, null);
            case "/assets/style.css": return send(x, documents.css(x.mode()), true, null);
            case "/assets/embed.css": return send(x, documents.embedCss(x.mode()), true, null);
            case "/robots.txt": return send(x, documents.robots(x.mode()), false, null);
            case "/events": return events(x, null, false, false);
            case "/events.ics": return events(x, null, true, false);
            default: break;
        }
        SiteIcon.Asset icon = ICONS.get(route);
        if (icon != null) return send(x, documents.icon(icon, x.mode()), true, null);
        if (route.startsWith("/topics/")) return topic(x, route.substring("/topics/".length()));
        if (route.startsWith("/") && route.indexOf('/', 1) < 0) {
            FeedFormat format = feeds.get(route.substring(1));
            if (format != null) return feed(x, format, null, false);
        }
        return Outcome.NOT_A_DOCUMENT;
    }

    /** /topics/{id}, /topics/{id}/feed.*, /topics/{id}/sources.opml; rest is what follows "/topics/". */
    private Outcome topic(Exchange x, String rest) {
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String sub = slash < 0 ? null : rest.substring(slash + 1);
        FeedFormat format = sub == null ? null : feeds.get(sub);
        boolean events = "events".equals(sub) || "events.ics".equals(sub);
        if (id.isEmpty() || (sub != null && format == null && !sub.equals("sources.opml") && !events)) {
            return Outcome.NOT_A_DOCUMENT;
        }
        Topic topic = topic(id);
        if (events) return events(x, topic, sub.equals("events.ics"), true);
        if (sub == null) return page(x, topic, true);
        if (format != null) return feed(x, format, topic, true);
        if (topic == null) return plain(x, 404, "no such topic");
        return send(x, documents.opml(topic, x.mode()), true, null);
    }

    private Topic topic(String encodedId) {
        try {
            String id = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
            return config.get().topics().stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst().orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Outcome page(Exchange x, Topic topic, boolean named) {
        if (named && topic == null) return plain(x, 404, "no such topic");
        FeedFilter filter = filter(x, topic, config.get().site().items(), true);
        if (filter == null) return Outcome.ANSWERED;
        return counted(x, "page", documents.page(topic, filter, x.mode()), false, HTML_SECURITY);
    }

    private Outcome feed(Exchange x, FeedFormat format, Topic topic, boolean named) {
        if (named && topic == null) return plain(x, 404, "no such topic");
        FeedFilter filter = filter(x, topic, config.get().site().items(), true);
        if (filter == null) return Outcome.ANSWERED;
        Rendered doc = documents.feed(format, topic, filter, x.mode());
        if (doc == null) return Outcome.NOT_IN_MEMORY;
        Config cfg = config.get();
        if (cfg.site().hub() != null) {
            String query = String.join("&", java.util.stream.Stream.of(filter.canonicalQuery(), filter.pageParam())
                    .filter(s -> !s.isEmpty()).toList());
            String self = cfg.site().url(x.path() + (query.isEmpty() ? "" : "?" + query));
            x.response().getHeaders().add(HttpHeader.LINK,
                    "<" + cfg.site().hub() + ">; rel=\"hub\", <" + self + ">; rel=\"self\"");
        }
        return counted(x, "feed", doc, true, null);
    }

    /** /events, /events.ics and a topic's: the feed's filters, the event items only (see Documents#events). */
    private Outcome events(Exchange x, Topic topic, boolean calendar, boolean named) {
        if (named && topic == null) return plain(x, 404, "no such topic");
        // The page is paged (its cursors are event starts, which lie ahead); the calendar is one document.
        FeedFilter filter = filter(x, topic, config.get().site().items(), !calendar, false);
        if (filter == null) return Outcome.ANSWERED;
        return counted(x, calendar ? "calendar" : "page", documents.events(topic, filter, calendar, x.mode()),
                calendar, calendar ? null : HTML_SECURITY);
    }

    /** /embed?topic=…&type=…&limit=5&theme=dark: the newest items only, in a page any site may frame. */
    private Outcome embed(Exchange x) {
        Map<String, List<String>> params = new LinkedHashMap<>(queryParams(x.request().getHttpURI().getQuery()));
        // theme= chooses the page's colours, not its items: it is taken out before the feed's filters are read.
        List<String> named = params.remove(EmbedTheme.PARAMETER);
        EmbedTheme theme = named == null ? EmbedTheme.AUTO : named.size() == 1 ? EmbedTheme.named(named.get(0)) : null;
        if (theme == null) {
            return plain(x, 400, named.size() == 1 ? "theme: use light, dark or auto" : "theme: give it once");
        }
        FeedFilter filter = filter(x, params, null, Views.EMBED_ITEMS, false, true);
        if (filter == null) return Outcome.ANSWERED;
        var topics = filter.query().topics();
        // One topic named: the page is titled and linked like that topic's page.
        Topic topic = topics.size() == 1 ? config.get().topic(topics.iterator().next()).orElse(null) : null;
        return send(x, documents.embed(topic, filter, theme, x.mode()), false, EMBED_SECURITY);
    }

    /** The request's filter, or null after answering 400 with a reason that does not echo the request. */
    private FeedFilter filter(Exchange x, Topic topic, int defaultLimit, boolean paged) {
        return filter(x, topic, defaultLimit, paged, true);
    }

    private FeedFilter filter(Exchange x, Topic topic, int defaultLimit, boolean paged, boolean itemCursors) {
        return filter(x, queryParams(x.request().getHttpURI().getQuery()), topic, defaultLimit, paged, itemCursors);
    }

    private FeedFilter filter(Exchange x, Map<String, List<String>> params, Topic topic, int defaultLimit,
                              boolean paged, boolean itemCursors) {
        try {
            FeedFilter filter = FeedFilter.parse(params, config.get(),
                    topic == null ? null : topic.id(), defaultLimit, paged);
            if (itemCursors && filter.cursor() != null && documents.beyondStoredRange(filter.cursor())) {
                throw new FeedFilter.BadRequest(filter.pageParam().substring(0, filter.pageParam().indexOf('='))
                        + ": a page cursor beyond every stored item");
            }
            return filter;
        } catch (FeedFilter.BadRequest e) {
            plain(x, 400, e.getMessage());
            return null;
        }
    }

    /**
     * The query string's parameters as Javalin read them: split on '&' and the first '=', names and values
     * URL-decoded (UTF-8, '+' is a space); a name or value that does not decode stays as given, so it is refused
     * (an unknown name, an undeclared type, not a cursor) rather than silently dropped.
     */
    static Map<String, List<String>> queryParams(String query) {
        if (query == null || query.isEmpty()) return Map.of();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String decodedName = decode(name);
            List<String> values = params.computeIfAbsent(decodedName == null ? name : decodedName,
                    k -> new ArrayList<>());
            String decodedValue = decode(value);
            values.add(decodedValue == null ? value : decodedValue);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** As {@link #send}, counting what was sent. */
    private Outcome counted(Exchange x, String document, Rendered doc, boolean cors, List<HttpField> security) {
        if (doc == null) return Outcome.NOT_IN_MEMORY;
        boolean notModified = sent(x, doc, cors, security);
        if (metrics != null) metrics.served(document, notModified ? "not-modified" : "sent");
        return Outcome.ANSWERED;
    }

    /**
     * Sends the document, or says it is not in memory (null).
     *
     * @param security the HTML page's security headers; null for documents that are not HTML
     */
    private static Outcome send(Exchange x, Rendered doc, boolean cors, List<HttpField> security) {
        if (doc == null) return Outcome.NOT_IN_MEMORY;
        sent(x, doc, cors, security);
        return Outcome.ANSWERED;
    }

    /**
     * Sends the document with its validators, cache, CORS and security headers, or a 304; true when it was a 304.
     * Gzipped bytes go to clients that accept gzip. The write is asynchronous: it never blocks the caller.
     */
    private static boolean sent(Exchange x, Rendered doc, boolean cors, List<HttpField> security) {
        Rendered.Fields f = doc.fields();
        HttpFields.Mutable headers = x.response().getHeaders();
        headers.add(f.etag());
        headers.add(f.lastModified());
        headers.add(f.cacheControl());
        headers.add(VARY);
        if (cors) headers.add(CORS);
        if (security != null) security.forEach(headers::add);
        else headers.add(NOSNIFF);
        HttpFields request = x.request().getHeaders();
        if (ConditionalGet.notModified(doc, request.get(HttpHeader.IF_NONE_MATCH),
                request.get(HttpHeader.IF_MODIFIED_SINCE))) {
            x.response().setStatus(304);
            x.callback().succeeded();
            return true;
        }
        headers.add(f.contentType());
        boolean gzip = acceptsGzip(request.get(HttpHeader.ACCEPT_ENCODING));
        if (gzip) headers.add(GZIP);
        headers.add(gzip ? f.gzippedLength() : f.length());
        x.response().setStatus(200);
        x.response().write(true, x.head() ? null : (gzip ? doc.directGzipped() : doc.directBody()).duplicate(), x.callback());
        return false;
    }

    /**
     * Whether Accept-Encoding (RFC 9110 12.5.3) gives gzip (or x-gzip, or "*" when gzip is not named) a weight above
     * zero: "gzip;q=0", "gzip; Q=0.000" and "gzip;q=0, *" all mean no. A weight that does not parse is not a yes.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        Double gzip = null;
        Double any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.split(";");
            String coding = p[0].trim().toLowerCase(java.util.Locale.ROOT);
            double q = weight(p);
            if (coding.equals("gzip") || coding.equals("x-gzip")) gzip = gzip == null ? q : Math.max(gzip, q);
            else if (coding.equals("*")) any = q;
        }
        if (gzip != null) return gzip > 0;
        return any != null && any > 0;
    }

    /** The q parameter of one Accept-Encoding element (1 when absent, 0 when malformed). */
    private static double weight(String[] element) {
        for (int i = 1; i < element.length; i++) {
            String param = element[i].trim();
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("q")) continue;
            String value = param.substring(eq + 1).trim();
            if (!value.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) return 0;
            return Double.parseDouble(value);
        }
        return 1;
    }

    /** A short plain-text answer (400, 404, 500) that no cache keeps. */
    private static Outcome plain(Exchange x, int status, String message) {
        // A 400 or 404 for embed.js's fetch must be readable cross-origin, or the browser reports a CORS failure.
        x.response().getHeaders().put(CORS);
        plain(x.request(), x.response(), x.callback(), x.head(), status, message);
        return Outcome.ANSWERED;
    }

    static void plain(Request request, Response response, Callback callback, boolean head, int status,
                      String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(PLAIN);
        headers.put(NOSNIFF);
        headers.put(NO_STORE);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head || HttpMethod.HEAD.is(request.getMethod()) ? null : ByteBuffer.wrap(body), callback);
    }
}
