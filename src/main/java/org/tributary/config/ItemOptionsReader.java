package org.tributary.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** Reads a source's item options; every bad value is reported at its line and column like the rest of feeds.yml. */
final class ItemOptionsReader {

    private ItemOptionsReader() {}

    /** @param holdByDefault {@code defaults.moderation} is hold */
    static ItemOptions read(YamlMap m, boolean holdByDefault) {
        ItemOptions d = ItemOptions.DEFAULTS;
        ItemOptions.IdentityRule identity = m.checked("identity", false,
                        v -> v.equals("auto") || v.equals("guid") || v.equals("link") || v.equals("content"),
                        "must be auto, guid, link or content")
                .map(v -> ItemOptions.IdentityRule.valueOf(v.toUpperCase(Locale.ROOT))).orElse(d.identity());
        ZoneId zone = m.text("timezone").flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text));
            } catch (DateTimeException e) {
                m.report("timezone", "not a time zone like Europe/London, America/New_York or +02:00");
                return Optional.empty();
            }
        }).orElse(d.timezone());
        boolean allowOld = bool(m, "allow_old_dates").orElse(d.allowOldDates());
        boolean hidePast = bool(m, "hide_past_events").orElse(d.hidePastEvents());
        int keep = m.integer("keep_items", 1, 1_000_000).orElse(d.keepItems());
        Duration maxAge = m.duration("max_age", Duration.ofDays(1), "1d").orElse(d.maxAge());
        boolean hold = moderation(m).orElse(holdByDefault);
        return new ItemOptions(identity, zone, allowOld, hidePast, keep, maxAge, hold);
    }

    /** {@code moderation: publish | hold}, as a source or {@code defaults} says it: true for hold. */
    static Optional<Boolean> moderation(YamlMap m) {
        return m.checked("moderation", false, v -> v.equals("publish") || v.equals("hold"), "must be publish or hold")
                .map(v -> v.equals("hold"));
    }

    static Optional<Boolean> bool(YamlMap m, String key) {
        return m.checked(key, false, v -> v.equals("true") || v.equals("false"), "must be true or false")
                .map(Boolean::parseBoolean);
    }
}
