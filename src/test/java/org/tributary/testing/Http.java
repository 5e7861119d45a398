package org.tributary.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests to a running serve, as the packaged-program tests make them: one shared client, a deadline on every
 * request (a server that hangs fails the test instead of stalling it), /status read as JSON, and the wait until
 * the first refresh has published something.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each request's deadline; well under HikariCP's 30 s, so an answer that waited for the pool fails. */
    public static final Duration REQUEST = Duration.ofSeconds(10);

    private Http() {}

    /** GET with headers given as name, value, name, value... */
    public static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST);
        if (headers.length > 0) b.headers(headers);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a GET, read as JSON (/status). */
    public static JsonNode json(String url) throws IOException, InterruptedException {
        return JSON.readTree(get(url).body());
    }

    /** Waits until /status (its URL) counts at least one stored item: the first refresh has published. */
    public static void awaitPublished(String statusUrl, Duration atMost) {
        await().atMost(atMost).until(() -> json(statusUrl).path("sources").findValues("items").stream()
                .mapToLong(JsonNode::asLong).sum() > 0);
    }
}
