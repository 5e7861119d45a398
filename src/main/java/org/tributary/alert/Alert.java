package org.tributary.alert;

import java.time.Instant;
import java.util.Objects;
import org.tributary.config.Source;

/**
 * One message to send about one source.
 *
 * @param problem   what is wrong ("failing", "moved", "gone"); for a recovery, what was wrong
 * @param since     when the problem began
 * @param lastError the last error, null when none (a moved feed still fetches)
 */
public record Alert(Event event, Source source, String problem, Instant since, Instant at, int consecutiveFailures,
                    String lastError) {

    public Alert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(at, "at");
    }

    public enum Event {
        PROBLEM, RECOVERED
    }

    /** One line for people: the subject of an e-mail, the text of a chat message. */
    public String summary() {
        String who = source.title() + " (" + source.id() + ")";
        if (event == Event.RECOVERED) return "Feed recovered: " + who;
        return switch (problem) {
            case "gone" -> "Feed gone: " + who + " answers 410 Gone";
            case "moved" -> "Feed moved: " + who + " redirects permanently to a new address";
            default -> "Feed failing: " + who + " since " + since;
        };
    }

    /** A few lines with what the partner needs to act. */
    public String body() {
        StringBuilder b = new StringBuilder(summary()).append("\n\n");
        b.append("Feed: ").append(source.url()).append('\n');
        if (source.home() != null) b.append("Site: ").append(source.home()).append('\n');
        if (event == Event.PROBLEM) {
            if (since != null) b.append("Problem since: ").append(since).append('\n');
            if (consecutiveFailures > 0) b.append("Failed fetches in a row: ").append(consecutiveFailures).append('\n');
            if (lastError != null) b.append("Last error: ").append(lastError).append('\n');
        } else {
            b.append("It had been ").append(problem).append(" since ").append(since).append("; fetched fine at ")
                    .append(at).append(".\n");
        }
        b.append("\nThis message is sent once per problem and once when it is resolved.\n");
        return b.toString();
    }
}
