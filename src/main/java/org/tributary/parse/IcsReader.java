package org.tributary.parse;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * An iCalendar document (a response of type {@code text/calendar}, or a body that starts {@code BEGIN:VCALENDAR})
 * read with ical4j: every VEVENT an entry. A recurring event (RRULE, RDATE, less EXDATE) becomes one entry per
 * occurrence from now until {@link #WINDOW} ahead, each with a stable id (its UID and the occurrence's start); a
 * VEVENT with a RECURRENCE-ID replaces the occurrence it names; STATUS:CANCELLED is kept, as cancelled.
 *
 * <p>As hostile as any feed: at most {@link #MAX_OCCURRENCES} occurrences per event and {@link #MAX_ENTRIES}
 * entries per calendar; a rule repeating every second or minute gives its first occurrence only; an event whose
 * dates do not read is left out with a warning and the calendar's other events are kept.
 */
final class IcsReader {

    static final Duration WINDOW = Duration.ofDays(90);
    static final int MAX_OCCURRENCES = 200;
    static final int MAX_ENTRIES = 2_000;
    private static final Pattern VEVENT = Pattern.compile("(?s)BEGIN:VEVENT\\r?\\n.*?END:VEVENT\\r?\\n?");
    private static final Pattern VTIMEZONE = Pattern.compile("(?s)BEGIN:VTIMEZONE\\r?\\n.*?END:VTIMEZONE\\r?\\n?");

    private IcsReader() {}

    static boolean isCalendar(String text, int start, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/calendar")) return true;
        return text.regionMatches(true, start, "BEGIN:VCALENDAR", 0, "BEGIN:VCALENDAR".length());
    }

    static ParsedFeed read(String text, URI documentBase, Instant now) throws FeedParseException {
        List<String> warnings = new ArrayList<>();
        List<VEvent> events = new ArrayList<>();
        String title = null;
        try {
            Calendar calendar = new CalendarBuilder().build(new StringReader(text));
            title = calendar.getProperty("X-WR-CALNAME").map(Property::getValue).orElse(null);
            for (CalendarComponent c : calendar.getComponents()) if (c instanceof VEvent v) events.add(v);
        } catch (Exception | StackOverflowError whole) {
            // One bad event must not cost the others: read each VEVENT on its own, with the zones it may name.
            StringBuilder zones = new StringBuilder();
            Matcher z = VTIMEZONE.matcher(text);
            while (z.find()) zones.append(z.group());
            Matcher m = VEVENT.matcher(text);
            int bad = 0;
            while (m.find()) {
                String one = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//one event//EN\r\n" + zones + m.group()
                        + (m.group().endsWith("\n") ? "" : "\r\n") + "END:VCALENDAR\r\n";
                try {
                    for (CalendarComponent c : new CalendarBuilder().build(new StringReader(one)).getComponents()) {
                        if (c instanceof VEvent v) events.add(v);
                    }
                } catch (Exception | StackOverflowError e) {
                    bad++;
                }
            }
            if (events.isEmpty()) {
                throw new FeedParseException("not a calendar: " + oneLine(whole.getMessage()));
            }
            if (bad > 0) warnings.add("left out " + bad + " event(s) that do not read as iCalendar");
            Matcher name = Pattern.compile("(?m)^X-WR-CALNAME:(.*)$").matcher(text);
            if (name.find()) title = name.group(1).strip();
        }
        Map<String, ParsedFeed.Entry> entries = new LinkedHashMap<>();
        Map<String, VEvent> overrides = new LinkedHashMap<>();
        for (VEvent v : events) {
            if (v.getProperty(Property.RECURRENCE_ID).isPresent()) {
                String uid = v.getProperty(Property.UID).map(Property::getValue).orElse(null);
                Temporal id = date(v, Property.RECURRENCE_ID);
                if (uid != null && id != null) overrides.put(uid + "/" + key(id), v);
            }
        }
        Instant until = now.plus(WINDOW);
        for (VEvent v : events) {
            if (entries.size() >= MAX_ENTRIES) {
                warnings.add("only the first " + MAX_ENTRIES + " events were read");
                break;
            }
            if (v.getProperty(Property.RECURRENCE_ID).isPresent()) continue;
            try {
                Temporal start = date(v, Property.DTSTART);
                if (start == null) {
                    warnings.add("left out an event without a start that reads");
                    continue;
                }
                String uid = v.getProperty(Property.UID).map(Property::getValue).orElse(null);
                List<Temporal> occurrences = occurrences(v, start, now, until, warnings);
                if (occurrences == null) {
                    entries.put(uid == null ? "#" + entries.size() : uid, entry(v, uid, start, end(v, start, start), documentBase));
                    continue;
                }
                for (Temporal at : occurrences) {
                    String id = uid + "/" + key(at);
                    VEvent override = overrides.remove(id);
                    if (override != null) {
                        Temporal os = date(override, Property.DTSTART);
                        if (os == null) os = at;
                        entries.put(id, entry(override, id, os, end(override, os, os), documentBase));
                    } else {
                        entries.put(id, entry(v, id, at, end(v, start, at), documentBase));
                    }
                    if (entries.size() >= MAX_ENTRIES) break;
                }
            } catch (RuntimeException | StackOverflowError e) {
                warnings.add("left out an event that does not read: " + oneLine(e.getMessage()));
            }
        }
        // An override whose occurrence the rule no longer yields in the window (moved into it) is an event too.
        for (Map.Entry<String, VEvent> o : overrides.entrySet()) {
            Temporal os = date(o.getValue(), Property.DTSTART);
            if (os == null || entries.size() >= MAX_ENTRIES || instant(os).isBefore(now)) continue;
            entries.putIfAbsent(o.getKey(), entry(o.getValue(), o.getKey(), os, end(o.getValue(), os, os), documentBase));
        }
        return new ParsedFeed("icalendar", title, null, documentBase, new ArrayList<>(entries.values()), null,
                warnings);
    }

    /** The starts of a recurring event inside [now, until], or null when it does not recur. */
    private static List<Temporal> occurrences(VEvent v, Temporal start, Instant now, Instant until,
                                              List<String> warnings) {
        List<RRule<Temporal>> rules = v.getProperties(Property.RRULE);
        List<DateListProperty<Temporal>> rdates = v.getProperties(Property.RDATE);
        if (rules.isEmpty() && rdates.isEmpty()) return null;
        Set<Temporal> starts = new TreeSet<>((a, b) -> instant(a).compareTo(instant(b)));
        Temporal from = like(start, now);
        Temporal to = like(start, until);
        for (RRule<Temporal> rule : rules) {
            Recur<Temporal> recur = rule.getRecur();
            Frequency f = recur.getFrequency();
            if (f == Frequency.SECONDLY || f == Frequency.MINUTELY) {
                warnings.add("an event repeating every " + f.name().toLowerCase(Locale.ROOT).replace("ly", "")
                        + " is read as its first occurrence only");
                if (!instant(start).isBefore(now) && !instant(start).isAfter(until)) starts.add(start);
                continue;
            }
            starts.addAll(recur.getDates(start, from, to, MAX_OCCURRENCES));
        }
        for (DateListProperty<Temporal> rdate : rdates) {
            for (Temporal t : rdate.getDates()) {
                Instant i = instant(t);
                if (!i.isBefore(now) && !i.isAfter(until)) starts.add(t);
            }
        }
        List<DateListProperty<Temporal>> exdates = v.getProperties(Property.EXDATE);
        Set<String> excluded = new java.util.HashSet<>();
        for (DateListProperty<Temporal> ex : exdates) for (Temporal t : ex.getDates()) excluded.add(key(t));
        List<Temporal> out = new ArrayList<>();
        for (Temporal t : starts) {
            if (!excluded.contains(key(t))) out.add(t);
            if (out.size() >= MAX_OCCURRENCES) break;
        }
        return out;
    }

    private static ParsedFeed.Entry entry(VEvent v, String guid, Temporal start, Temporal end, URI base) {
        String summary = text(v, Property.SUMMARY);
        String description = text(v, Property.DESCRIPTION);
        String url = text(v, Property.URL);
        List<String> categories = new ArrayList<>();
        for (Property p : v.getProperties(Property.CATEGORIES)) {
            for (String c : p.getValue().split(",")) if (!c.isBlank()) categories.add(escape(c.strip()));
        }
        String status = text(v, Property.STATUS);
        String organizer = v.getProperty(Property.ORGANIZER)
                .map(p -> p.getParameter("CN").map(cn -> ((net.fortuna.ical4j.model.Parameter) cn).getValue())
                        .orElse(null)).orElse(null);
        String zone = start instanceof ZonedDateTime z ? z.getZone().getId() : null;
        boolean allDay = start instanceof LocalDate;
        ParsedEvent event = new ParsedEvent(iso(start), end == null ? null : iso(end), allDay, zone,
                text(v, Property.LOCATION), organizer, null,
                status != null && status.equalsIgnoreCase("CANCELLED") ? "cancelled" : null, null, "icalendar");
        return new ParsedFeed.Entry(guid, url, escape(summary), description == null ? null : paragraphs(description),
                null, List.of(), categories, null, null, null, base, null, null, dateText(v, Property.CREATED),
                dateText(v, Property.LAST_MODIFIED), iso(start), null, event);
    }

    /** The end of one occurrence: DTEND (or DTSTART plus DURATION) moved as far as the occurrence moved. */
    private static Temporal end(VEvent v, Temporal seriesStart, Temporal occurrence) {
        Temporal end = date(v, Property.DTEND);
        if (end == null) {
            Optional<Property> duration = v.getProperty(Property.DURATION);
            if (duration.isEmpty()) return null;
            try {
                var amount = ((net.fortuna.ical4j.model.property.Duration) duration.get()).getDuration();
                return occurrence.plus(amount);
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
        if (seriesStart.equals(occurrence)) return end;
        try {
            long shift = seriesStart instanceof LocalDate a && occurrence instanceof LocalDate b
                    ? ChronoUnit.DAYS.between(a, b) : 0;
            if (shift != 0) return end.plus(shift, ChronoUnit.DAYS);
            return occurrence.plus(Duration.between(instant(seriesStart), instant(end)));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Temporal date(VEvent v, String name) {
        try {
            return v.getProperty(name).map(p -> ((DateProperty<Temporal>) p).getDate()).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String dateText(VEvent v, String name) {
        Temporal t = date(v, name);
        return t == null ? null : iso(t);
    }

    /** What normalize reads: a day, an instant with its offset, or a floating time (read in the source's zone). */
    static String iso(Temporal t) {
        if (t instanceof ZonedDateTime z) return z.toOffsetDateTime().toString();
        return t.toString();
    }

    /** The occurrence's key in ids: the day, or the instant in UTC (the same whatever zone it was written in). */
    static String key(Temporal t) {
        if (t instanceof LocalDate || t instanceof LocalDateTime) return t.toString().replace("-", "").replace(":", "");
        return instant(t).toString().replace("-", "").replace(":", "");
    }

    static Instant instant(Temporal t) {
        if (t instanceof Instant i) return i;
        if (t instanceof ZonedDateTime z) return z.toInstant();
        if (t instanceof OffsetDateTime o) return o.toInstant();
        if (t instanceof LocalDateTime l) return l.toInstant(java.time.ZoneOffset.UTC);
        if (t instanceof LocalDate d) return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        throw new IllegalArgumentException("not a date: " + t);
    }

    /** An instant as the same kind of temporal as the event's start, for the bounds of a recurrence. */
    private static Temporal like(Temporal kind, Instant at) {
        if (kind instanceof LocalDate) return at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        if (kind instanceof LocalDateTime) return LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
        if (kind instanceof ZonedDateTime z) return at.atZone(z.getZone());
        if (kind instanceof OffsetDateTime o) return at.atOffset(o.getOffset());
        return at;
    }

    private static String text(VEvent v, String name) {
        return v.getProperty(name).map(Property::getValue).filter(s -> !s.isBlank()).orElse(null);
    }

    /** Calendar text is plain: escaped, with its line breaks as paragraphs, so normalize can treat it as HTML. */
    private static String paragraphs(String text) {
        StringBuilder b = new StringBuilder();
        for (String p : text.split("\\r?\\n\\s*\\r?\\n")) {
            if (!p.isBlank()) b.append("<p>").append(escape(p.strip()).replace("\n", "<br>")).append("</p>");
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s == null ? null : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String oneLine(String s) {
        if (s == null) return "unreadable";
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
