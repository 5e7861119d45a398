package org.tributary.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one outbound HTTP client (see the package comment). Built once per process and shared; thread-safe.
 * Expected outcomes, any HTTP status included, are values; an {@link IOException} means no answer came.
 */
public final class Outbound {

    /** How long a connection may take to open, for every request. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a whole request may take unless the caller says otherwise (a backup says otherwise). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The most of a response body read into memory; an error page longer than this is cut. */
    public static final int MAX_TEXT_BODY = 1 << 20;

    /** An answer: its status, and its body as text (at most {@link #MAX_TEXT_BODY} bytes) unless sent to a file. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http;
    private final Supplier<String> userAgent;

    public Outbound(String userAgent) {
        this(constant(Objects.requireNonNull(userAgent, "userAgent")));
    }

    /** A client whose User-Agent is read at each request: serve's follows a reload that changes it. */
    public Outbound(Supplier<String> userAgent) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        // HTTP/1.1: the default h2c upgrade attempt on plain http hangs some receivers.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String userAgent() {
        return userAgent.get();
    }

    private static Supplier<String> constant(String value) {
        return () -> value;
    }

    /** POSTs the body (null: none) with this content type and extra headers; the answer's body as text. */
    public Response post(URI url, String contentType, String body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url, headers, timeout).POST(body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) request.header("Content-Type", contentType);
        return text(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public Response get(URI url, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        return text(http.send(request(url, headers, timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * POSTs without a body and, on a 2xx, writes the answer to the file (a backup, an export): the status and, for
     * any other status, the answer's text with an empty file left behind.
     */
    public Response postToFile(URI url, Map<String, String> headers, Duration timeout, Path file)
            throws IOException, InterruptedException {
        HttpRequest request = request(url, headers, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) return text(response);
        try (InputStream in = response.body()) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new Response(response.statusCode(), "");
    }

    private HttpRequest.Builder request(URI url, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Optional.ofNullable(timeout).orElse(REQUEST_TIMEOUT))
                .header("User-Agent", userAgent.get());
        headers.forEach(b::header);
        return b;
    }

    private static Response text(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_TEXT_BODY);
            return new Response(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
