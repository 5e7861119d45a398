package org.tributary.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tributary.outbound.Outbound;

/**
 * Alerts as a JSON POST. The body has a {@code text} field, so chat webhooks that expect one (Slack and its
 * imitators) show the summary as it is; the other fields are for programs. Any 2xx is delivered.
 */
public final class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Outbound outbound;
    private final Duration timeout;

    /** @param outbound the process's one outbound client (our User-Agent, no redirects followed, bounded answers) */
    public WebhookNotifier(URI url, Outbound outbound, Duration timeout) {
        this.url = url;
        this.outbound = outbound;
        this.timeout = timeout;
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        try {
            Outbound.Response response = outbound.post(url, "application/json; charset=utf-8", json(alert), Map.of(),
                    timeout);
            if (!response.ok()) {
                throw new DeliveryException("alert: webhook answered HTTP " + response.status(), null);
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
