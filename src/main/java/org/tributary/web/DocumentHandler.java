package org.tributary.web;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Config;
import org.tributary.config.Topic;
import org.tributary.publish.FeedFormat;

/**
 * GET and HEAD of every published document (/, /feed.*, /topics/{id}[/feed.*|/sources.opml], /embed, /embed.js,
 * /sources.opml, /assets/style.css), answered by a Jetty core handler in front of Javalin: the documents are bytes
 * in memory, and Javalin's per-request machinery (servlet request, context, routing, copying the body through an
 * InputStream) cost more than half the rate nginx reaches on the same bytes (bench/serve). Everything else (other
 * paths, other methods) goes on to Javalin unchanged. As Javalin did, a trailing slash is ignored.
 */
final class DocumentHandler extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(DocumentHandler.class);

    private static final String HTML_CSP = "default-src 'none'; style-src 'self'; img-src http: https:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The same policy, except that any site may frame it: /embed exists to be put in another library's page. */
    private static final String EMBED_CSP = "default-src 'none'; style-src 'self'; img-src http: https:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors *";

    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField CORS = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final HttpField PLAIN = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "text/plain; charset=utf-8");

    /** The security headers of an HTML document, by page kind; a non-HTML document gets only {@link #NOSNIFF}. */
    static final List<HttpField> HTML_SECURITY = security(HTML_CSP);
    static final List<HttpField> EMBED_SECURITY = security(EMBED_CSP);

    private final Supplier<Config> config;
    private final Documents documents;
    private final Metrics metrics;
    private final Map<String, FeedFormat> feeds = new HashMap<>();

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

    /** One request to a document route. */
    private record Exchange(Request request, Response response, Callback callback, String path, boolean head) {}

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) return super.handle(request, response, callback);
        String path = request.getHttpURI().getPath();
        String route = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Exchange x = new Exchange(request, response, callback, path, head);
        try {
            if (serve(x, route)) return true;
        } catch (RuntimeException e) {
            log.error("web: {} {} failed", method, path, e);
            if (response.isCommitted()) throw e;
            response.reset();
            plain(x, 500, "internal error");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Answers the route if it is a document's; false to hand it on. */
    private boolean serve(Exchange x, String route) {
        switch (route) {
            case "/": page(x, null, false); return true;
            case "/embed": embed(x); return true;
            case "/embed.js": send(x, documents.embedScript(), true, null); return true;
            case "/sources.opml": send(x, documents.opml(null), true, null); return true;
            case "/assets/style.css": send(x, documents.css(), true, null); return true;
            default: break;
        }
        if (route.startsWith("/topics/")) return topic(x, route.substring("/topics/".length()));
        if (route.startsWith("/") && route.indexOf('/', 1) < 0) {
            FeedFormat format = feeds.get(route.substring(1));
            if (format != null) {
                feed(x, format, null, false);
                return true;
            }
        }
        return false;
    }

    /** /topics/{id}, /topics/{id}/feed.*, /topics/{id}/sources.opml; rest is what follows "/topics/". */
    private boolean topic(Exchange x, String rest) {
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String sub = slash < 0 ? null : rest.substring(slash + 1);
        FeedFormat format = sub == null ? null : feeds.get(sub);
        if (id.isEmpty() || (sub != null && format == null && !sub.equals("sources.opml"))) return false;
        Topic topic = topic(id);
        if (sub == null) page(x, topic, true);
        else if (format != null) feed(x, format, topic, true);
        else if (topic == null) plain(x, 404, "no such topic");
        else send(x, documents.opml(topic), true, null);
        return true;
    }

    private Topic topic(String encodedId) {
        try {
            return config.get().topic(URLDecoder.decode(encodedId, StandardCharsets.UTF_8)).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void page(Exchange x, Topic topic, boolean named) {
        if (named && topic == null) {
            plain(x, 404, "no such topic");
            return;
        }
        FeedFilter filter = filter(x, topic, config.get().site().items(), true);
        if (filter != null) counted(x, "page", documents.page(topic, filter), false, HTML_SECURITY);
    }

    private void feed(Exchange x, FeedFormat format, Topic topic, boolean named) {
        if (named && topic == null) {
            plain(x, 404, "no such topic");
            return;
        }
        FeedFilter filter = filter(x, topic, config.get().site().items(), true);
        if (filter == null) return;
        Config cfg = config.get();
        if (cfg.site().hub() != null) {
            String query = String.join("&", java.util.stream.Stream.of(filter.canonicalQuery(), filter.pageParam())
                    .filter(s -> !s.isEmpty()).toList());
            String self = cfg.site().url(x.path() + (query.isEmpty() ? "" : "?" + query));
            x.response().getHeaders().add(HttpHeader.LINK,
                    "<" + cfg.site().hub() + ">; rel=\"hub\", <" + self + ">; rel=\"self\"");
        }
        counted(x, "feed", documents.feed(format, topic, filter), true, null);
    }

    /** /embed?topic=…&type=…&limit=5: the newest items only, in a page any site may frame. */
    private void embed(Exchange x) {
        FeedFilter filter = filter(x, null, WebServer.EMBED_ITEMS, false);
        if (filter == null) return;
        var topics = filter.query().topics();
        // One topic named: the page is titled and linked like that topic's page.
        Topic topic = topics.size() == 1 ? config.get().topic(topics.iterator().next()).orElse(null) : null;
        FeedFilter effective = filter;
        if (topic != null) effective = filter(x, topic, WebServer.EMBED_ITEMS, false);
        send(x, documents.embed(topic, effective), false, EMBED_SECURITY);
    }

    /** The request's filter, or null after answering 400 with a reason that does not echo the request. */
    private FeedFilter filter(Exchange x, Topic topic, int defaultLimit, boolean paged) {
        try {
            return FeedFilter.parse(queryParams(x.request().getHttpURI().getQuery()), config.get(),
                    topic == null ? null : topic.id(), defaultLimit, paged);
        } catch (FeedFilter.BadRequest e) {
            plain(x, 400, e.getMessage());
            return null;
        }
    }

    /**
     * The query string's parameters as Javalin read them: split on '&' and the first '=', names and values
     * URL-decoded (UTF-8, '+' is a space); a value that does not decode is dropped, a name that does not decode
     * stays as given (and is refused as unknown).
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
            if (decodedValue != null) values.add(decodedValue);
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

    private void counted(Exchange x, String document, Rendered doc, boolean cors, List<HttpField> security) {
        boolean notModified = send(x, doc, cors, security);
        if (metrics != null) metrics.served(document, notModified ? "not-modified" : "sent");
    }

    /**
     * Sends the document with its validators, cache, CORS and security headers, or a 304; true when it was a 304.
     * Gzipped bytes go to clients that accept gzip.
     *
     * @param security the HTML page's security headers; null for documents that are not HTML
     */
    private static boolean send(Exchange x, Rendered doc, boolean cors, List<HttpField> security) {
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

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                return p.length < 2 || !p[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    /** A short plain-text answer (400, 404, 500) that no cache keeps. */
    private static void plain(Exchange x, int status, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        Response response = x.response();
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(PLAIN);
        headers.put(NOSNIFF);
        headers.put(NO_STORE);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, x.head() ? null : ByteBuffer.wrap(body), x.callback());
    }
}
