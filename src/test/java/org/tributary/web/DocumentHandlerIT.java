package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.web.WebFixture.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents are answered in front of Javalin: the edges of that split (trailing slashes, other methods, HEAD of a
 * 400, what a 304 carries) behave as when Javalin routed them, and what is not a document still reaches Javalin.
 */
class DocumentHandlerIT {

    private static final Instant T0 = Instant.parse("2019-06-27T14:00:00Z");

    @TempDir
    Path dataDir;

    private WebFixture server;

    @BeforeEach
    void start() throws Exception {
        server = new WebFixture(dataDir, null);
        server.add("Item one", "News", T0, T0, "partnerships");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return WebFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void jettyRunsRequestsOnASelectorThreadPerCoreWithoutHandingThemToAPoolThread() {
        // Javalin's servlet context is blocking; the document handler in front of it declares the whole tree
        // non-blocking and dispatches what blocks itself (DocumentThreadsIT shows both sides of that).
        assertThat(server.web.invocationType()).isEqualTo(Invocable.InvocationType.NON_BLOCKING);
        assertThat(server.web.selectors()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aTrailingSlashNamesTheSameDocument() throws Exception {
        for (String path : new String[] {"/feed.atom", "/topics/partnerships", "/topics/partnerships/feed.json"}) {
            HttpResponse<byte[]> plain = server.get(path);
            HttpResponse<byte[]> slash = server.get(path + "/");
            assertThat(slash.statusCode()).as(path).isEqualTo(200);
            assertThat(slash.headers().firstValue("ETag")).as(path).isEqualTo(plain.headers().firstValue("ETag"));
        }
    }

    @Test
    void otherPathsAndMethodsStillReachJavalin() throws Exception {
        HttpResponse<byte[]> post = send("POST", "/feed.atom");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(send("PUT", "/").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "/status").statusCode()).isEqualTo(405);
        assertThat(send("PUT", "/nowhere").statusCode()).isEqualTo(404);
        assertThat(server.get("/feed.xml").statusCode()).isEqualTo(404);
        assertThat(server.get("/FEED.ATOM").statusCode()).isEqualTo(404);
        assertThat(server.get("/topics/").statusCode()).isEqualTo(404);
        assertThat(server.get("/topics/partnerships/feed.xml").statusCode()).isEqualTo(404);
        assertThat(server.get("/topics/partnerships/sources.opml").statusCode()).isEqualTo(200);
        assertThat(server.get("/topics/nope/sources.opml").statusCode()).isEqualTo(404);
        assertThat(text(server.get("/status"))).contains("partner");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void headOfARefusedQueryHasTheLengthButNoBody() throws Exception {
        HttpResponse<byte[]> get = server.get("/feed.atom?bogus=1");
        HttpResponse<byte[]> head = send("HEAD", "/feed.atom?bogus=1");
        assertThat(head.statusCode()).isEqualTo(400);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(get.body().length));
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(head.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aNotModifiedCarriesTheValidatorsAndCacheHeadersButNoBodyOrType() throws Exception {
        HttpResponse<byte[]> first = server.get("/feed.atom", "Accept-Encoding", "gzip");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = server.get("/feed.atom", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().firstValue("Last-Modified")).isEqualTo(first.headers().firstValue("Last-Modified"));
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(again.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(again.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(again.headers().firstValue("Content-Type")).isEmpty();
        assertThat(first.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(first.body().length));
        assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }
}
