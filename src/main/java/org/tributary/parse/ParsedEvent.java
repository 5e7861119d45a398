package org.tributary.parse;

/**
 * The event an entry announces, as the document wrote it: every field is raw text (dates not yet read, HTML not yet
 * stripped) and may be null. Normalize reads the dates in the source's zone (or {@code zone} when given) and turns
 * the status into "cancelled" or not.
 *
 * @param start        the start as written: "2026-06-11T19:00:00-05:00", "2026-06-11 14:00", "2026-06-11"
 * @param end          the end, may be null
 * @param allDay       the document says the event takes whole days (an iCalendar VALUE=DATE, LibCal's
 *                     00:00:00–23:59:59, a schema.org date without a time)
 * @param zone         an IANA zone the times are in when they carry no offset (iCalendar TZID), may be null
 * @param location     where: a room and branch, an address, "Online"
 * @param organizer    who runs it
 * @param type         the event's own type ("Webinar", "Workshop")
 * @param status       "cancelled" (iCalendar STATUS, schema.org eventStatus, a "Cancelled:" title), else null
 * @param registration where to sign up, may be relative
 * @param from         where the event was read: "ev", "libcal", "schema.org", "icalendar"
 */
public record ParsedEvent(String start, String end, boolean allDay, String zone, String location, String organizer,
                          String type, String status, String registration, String from) {

    /** Whether the event says nothing at all (no start: not an event). */
    public boolean isEmpty() {
        return start == null || start.isBlank();
    }

    /** The same event with the blanks of this one filled from {@code other} (a richer source wins field by field). */
    ParsedEvent orElse(ParsedEvent other) {
        if (other == null) return this;
        if (isEmpty()) return other;
        return new ParsedEvent(start, or(end, other.end), allDay, or(zone, other.zone), or(location, other.location),
                or(organizer, other.organizer), or(type, other.type), or(status, other.status),
                or(registration, other.registration), from);
    }

    /** Every field in order, for a fingerprint of the raw entry. */
    public Object[] fields() {
        return new Object[] {start, end, allDay, zone, location, organizer, type, status, registration, from};
    }

    private static String or(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
