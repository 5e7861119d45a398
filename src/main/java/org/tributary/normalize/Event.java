package org.tributary.normalize;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The event an item announces, kept apart from its publish date: the start never dates the item nor makes it "in
 * the future"; it only says when the event is.
 *
 * @param start        when it starts; for an all-day event the first day's midnight in {@code zone} (UTC when none)
 * @param end          when it ends, null when not said; never before the start
 * @param allDay       whole days: {@link #firstDay()} and {@link #lastDay()} are what a reader is shown, not times
 * @param zone         the zone the source wrote the times in (iCalendar TZID, the source's {@code timezone}), may be
 *                     null; display uses the site's zone, this one only places all-day events on their days
 * @param location     plain text, may be null ("Online", "Meeting room, Central Library")
 * @param organizer    plain text, may be null
 * @param type         the event's own type ("Webinar"), plain text, may be null
 * @param cancelled    the source says it will not take place
 * @param registration where to sign up, absolute http(s), may be null
 */
public record Event(Instant start, Instant end, boolean allDay, ZoneId zone, String location, String organizer,
                    String type, boolean cancelled, URI registration) {

    public Event {
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) end = null;
        location = blankToNull(location);
        organizer = blankToNull(organizer);
        type = blankToNull(type);
    }

    /** An event known only by its start (items stored before events had more fields). */
    public static Event startingAt(Instant start) {
        return new Event(start, null, false, null, null, null, null, false, null);
    }

    /** The zone the event's days are counted in: its own, else UTC. */
    public ZoneId dayZone() {
        return zone == null ? ZoneOffset.UTC : zone;
    }

    /** The first day of an all-day event (in its own zone), or the start's day there. */
    public LocalDate firstDay() {
        return start.atZone(dayZone()).toLocalDate();
    }

    /** The last day an all-day event covers (its end is exclusive, as in iCalendar), or the first day when none. */
    public LocalDate lastDay() {
        if (end == null) return firstDay();
        LocalDate last = end.atZone(dayZone()).toLocalDate();
        if (allDay && end.atZone(dayZone()).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) last = last.minusDays(1);
        return last.isBefore(firstDay()) ? firstDay() : last;
    }

    /** When it is over: the end, else the end of the start's day for an all-day event, else the start. */
    public Instant over() {
        if (end != null) return end;
        return allDay ? firstDay().plusDays(1).atStartOfDay(dayZone()).toInstant() : start;
    }

    /** Every field as text, for the content hash: a changed event republishes its item. */
    String fingerprint() {
        return start + "\u0001" + end + "\u0001" + allDay + "\u0001" + zone + "\u0001" + location + "\u0001"
                + organizer + "\u0001" + type + "\u0001" + cancelled + "\u0001" + registration;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
