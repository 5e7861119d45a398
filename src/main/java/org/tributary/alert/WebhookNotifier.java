package org.tributary.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Alerts as a JSON POST. The body has a {@code text} field, so chat webhooks that expect one (Slack and its
 * imitators) show the summary as it is; the other fields are for programs. Any 2xx is delivered.
 */
public final class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String userAgent;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookNotifier(URI url, String userAgent, Duration timeout) {
        this.url = url;
        this.userAgent = userAgent;
        this.timeout = timeout;
        // HTTP/1.1: the default h2c upgrade attempt on plain http hangs some receivers.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json(alert)))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryException("alert: webhook answered HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new DeliveryException("alert: webhook: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("alert: webhook: interrupted", e);
        }
    }

    static String json(Alert alert) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", alert.source().id());
        source.put("title", alert.source().title());
        source.put("url", alert.source().url().toString());
        source.put("home", alert.source().home() == null ? null : alert.source().home().toString());
        source.put("owner", alert.source().owner());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", alert.event() == Alert.Event.RECOVERED ? "recovered" : alert.problem());
        doc.put("text", alert.summary());
        doc.put("source", source);
        doc.put("problem", alert.problem());
        doc.put("since", alert.since() == null ? null : alert.since().toString());
        doc.put("at", alert.at().toString());
        doc.put("consecutive_failures", alert.consecutiveFailures());
        doc.put("last_error", alert.lastError());
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "webhook " + url.getScheme() + "://" + url.getHost().toLowerCase(Locale.ROOT) + "/…";
    }
}
