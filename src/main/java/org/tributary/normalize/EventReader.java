package org.tributary.normalize;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.tributary.parse.ParsedEvent;

/**
 * A {@link ParsedEvent} read by our rules: dates as {@link Dates} reads them, in the event's own zone when it names
 * one, else the source's; text fields plain and cut; the registration link absolute http(s). No start that reads,
 * no event (the item stays an ordinary item).
 */
final class EventReader {

    /** The longest location, organizer and type we keep (plain text). */
    static final int MAX_TEXT = 500;

    private EventReader() {}

    static Event read(ParsedEvent raw, String eventStartText, ZoneId sourceZone, URI base) {
        if (raw == null) {
            Instant start = Dates.parse(XmlChars.clean(eventStartText), sourceZone);
            return start == null ? null : Event.startingAt(start);
        }
        ZoneId zone = zone(raw.zone(), sourceZone);
        Instant start;
        Instant end;
        if (raw.allDay()) {
            start = day(raw.start(), zone);
            end = raw.end() == null ? null : day(raw.end(), zone);
            if (start == null) start = Dates.parse(XmlChars.clean(raw.start()), zone);
        } else {
            start = Dates.parse(XmlChars.clean(raw.start()), zone);
            end = raw.end() == null ? null : Dates.parse(XmlChars.clean(raw.end()), zone);
        }
        if (start == null) return null;
        return new Event(start, end, raw.allDay(), zone, text(raw.location()), text(raw.organizer()), text(raw.type()),
                raw.status() != null && raw.status().toLowerCase(Locale.ROOT).startsWith("cancel"),
                FieldLimits.url(Urls.absoluteHttp(XmlChars.clean(raw.registration()), base)));
    }

    /** The event's own zone when it is a zone we know, else the source's. */
    private static ZoneId zone(String named, ZoneId sourceZone) {
        if (named == null || named.isBlank()) return sourceZone;
        try {
            return ZoneId.of(named.strip());
        } catch (DateTimeException unknown) {
            return sourceZone;
        }
    }

    /** "2026-06-11" (or the date part of a longer text) as that day's midnight in the zone. */
    private static Instant day(String text, ZoneId zone) {
        String t = XmlChars.clean(text);
        if (t == null) return null;
        t = t.strip();
        if (t.length() < 10) return null;
        try {
            return LocalDate.parse(t.substring(0, 10)).atStartOfDay(zone).toInstant();
        } catch (DateTimeException notADay) {
            return null;
        }
    }

    private static String text(String raw) {
        String t = PlainText.fromHtml(XmlChars.clean(raw));
        if (t == null || t.isBlank()) return null;
        t = t.replaceAll("\\s+", " ").strip();
        return t.length() > MAX_TEXT ? FieldLimits.cut(t, MAX_TEXT) : t;
    }
}
