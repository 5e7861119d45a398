package org.tributary.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whom to tell when a source breaks. Parsed and validated now; sending is the alerts feature's job.
 *
 * @param webhook optional JSON POST target, may be null
 * @param email   optional SMTP settings, may be null
 * @param after   how long a source must fail before one alert goes out
 */
public record Alerts(URI webhook, Email email, Duration after) {

    public Alerts {
        Objects.requireNonNull(after, "after");
    }

    public record Email(String smtp, String from, List<String> to) {
        public Email {
            Objects.requireNonNull(smtp, "smtp");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
        }
    }
}
