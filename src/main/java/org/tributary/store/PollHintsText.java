package org.tributary.store;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tributary.parse.PollHints;

/** Poll hints as one short column: "ttl=5400;period=43200;hours=1,2;days=SUNDAY". Unreadable parts are dropped. */
final class PollHintsText {

    private PollHintsText() {}

    static String write(PollHints h) {
        if (h == null || h.equals(PollHints.NONE)) return null;
        List<String> parts = new java.util.ArrayList<>();
        if (h.ttl() != null) parts.add("ttl=" + h.ttl().toSeconds());
        if (h.updatePeriod() != null) parts.add("period=" + h.updatePeriod().toSeconds());
        if (!h.skipHours().isEmpty()) parts.add("hours=" + String.join(",", new TreeSet<>(h.skipHours()).stream().map(String::valueOf).toList()));
        if (!h.skipDays().isEmpty()) parts.add("days=" + String.join(",", new TreeSet<>(h.skipDays()).stream().map(Enum::name).toList()));
        return String.join(";", parts);
    }

    static PollHints read(String text) {
        if (text == null || text.isBlank()) return PollHints.NONE;
        Duration ttl = null;
        Duration period = null;
        Set<Integer> hours = new HashSet<>();
        Set<DayOfWeek> days = new HashSet<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            try {
                switch (key) {
                    case "ttl" -> ttl = Duration.ofSeconds(Long.parseLong(value));
                    case "period" -> period = Duration.ofSeconds(Long.parseLong(value));
                    case "hours" -> {
                        for (String v : value.split(",")) hours.add(Integer.parseInt(v));
                    }
                    case "days" -> {
                        for (String v : value.split(",")) days.add(DayOfWeek.valueOf(v));
                    }
                    default -> { }
                }
            } catch (IllegalArgumentException unreadable) {
                // a hint, not a contract
            }
        }
        return new PollHints(ttl, hours, days, period);
    }
}
