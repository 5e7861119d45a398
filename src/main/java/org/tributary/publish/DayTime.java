package org.tributary.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.tributary.config.Site;
import org.tributary.normalize.Event;

/**
 * Days and times as a person reads them: in the site's zone ({@code site.timezone}) with the JDK's locale data for
 * {@code site.language} (month and day names, the 12- or 24-hour clock), never hand-written tables. Feeds do not use
 * this: they keep instants with their offsets.
 */
final class DayTime {

    private final ZoneId zone;
    private final Locale locale;
    private final DateTimeFormatter date;
    private final String dayPattern;
    private final DateTimeFormatter day;
    private final String timePattern;
    private final DateTimeFormatter time;
    private final DateTimeFormatter zoneName;
    private final Messages words;

    DayTime(ZoneId zone, String language) {
        this.zone = zone;
        this.locale = Locale.forLanguageTag(language == null || language.isBlank() ? "en" : language);
        this.words = Messages.forLanguage(locale.toLanguageTag());
        boolean english = locale.getLanguage().equals("en");
        // English as the page we imitate writes it ("Thursday 11 June 2026"); other languages in their own order.
        this.date = english ? DateTimeFormatter.ofPattern("d MMMM yyyy", locale)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        // The patterns are kept as text: embed.js is given them, to write the event line as the pages do.
        this.dayPattern = english ? "EEEE d MMMM yyyy" : DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                FormatStyle.FULL, null, IsoChronology.INSTANCE, locale);
        this.day = DateTimeFormatter.ofPattern(dayPattern, locale);
        this.timePattern = english ? "h:mm a" : DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                null, FormatStyle.SHORT, IsoChronology.INSTANCE, locale);
        this.time = DateTimeFormatter.ofPattern(timePattern, locale);
        // Zone abbreviations of the language alone: British English's data has no "CDT", only "GMT-05:00".
        this.zoneName = DateTimeFormatter.ofPattern("zzz", Locale.forLanguageTag(locale.getLanguage()));
    }

    /** The site's zone, and the date locale of its page words (English's for a language no bundle has). */
    static DayTime of(Site site) {
        return new DayTime(site.timezone(), Messages.forLanguage(site.language()).dateLocale().toLanguageTag());
    }

    /** "27 June 2019": the day of an instant in the site's zone. */
    String date(Instant instant) {
        return date.format(instant.atZone(zone));
    }

    /**
     * The event line: "Thursday 11 June 2026, 2:00–3:00 pm CDT · Online", "Saturday 20 June 2026, all day",
     * "Cancelled · …". An all-day event keeps the days it was written for (in its own zone); a timed one is shown on
     * its day in the site's zone.
     */
    String eventLine(Event event) {
        StringBuilder b = new StringBuilder();
        if (event.cancelled()) b.append(words.get("event.cancelled")).append(" · ");
        b.append(when(event));
        if (event.location() != null) b.append(" · ").append(Texts.line(event.location()));
        return b.toString();
    }

    /** The event's days and times alone: "Thursday 11 June 2026, 2:00–3:00 pm CDT". */
    String when(Event event) {
        StringBuilder b = new StringBuilder();
        if (event.allDay()) {
            LocalDate first = event.firstDay();
            LocalDate last = event.lastDay();
            String days = day.format(first);
            if (!last.equals(first)) days += " – " + day.format(last);
            b.append(words.format("event.all_day", days));
        } else {
            ZonedDateTime start = event.start().atZone(zone);
            ZonedDateTime end = event.end() == null ? null : event.end().atZone(zone);
            b.append(day.format(start)).append(", ");
            if (end == null) {
                b.append(clock(start));
            } else if (end.toLocalDate().equals(start.toLocalDate())) {
                String from = clock(start);
                String to = clock(end);
                // "2:00–3:00 pm": the half of the day is said once when both ends share it.
                String half = halfOfDay(start);
                if (half != null && half.equals(halfOfDay(end)) && from.endsWith(half)) {
                    from = from.substring(0, from.length() - half.length()).strip();
                }
                b.append(from).append('–').append(to);
            } else {
                b.append(clock(start)).append(" – ").append(day.format(end)).append(", ").append(clock(end));
            }
            b.append(' ').append(zoneName.format(start));
        }
        return b.toString();
    }

    /** A time of day; English says "pm", as people write it, rather than the JDK's "PM". */
    private String clock(ZonedDateTime t) {
        String text = time.format(t);
        return locale.getLanguage().equals("en") ? text.replace("AM", "am").replace("PM", "pm") : text;
    }

    private String halfOfDay(ZonedDateTime t) {
        if (!locale.getLanguage().equals("en")) return null;
        return t.getHour() < 12 ? "am" : "pm";
    }

    /** The JDK pattern of an event's day ("EEEE d MMMM yyyy" in English), for embed.js. */
    String dayPattern() {
        return dayPattern;
    }

    /** The JDK pattern of a time of day ("h:mm a" in English), for embed.js. */
    String timePattern() {
        return timePattern;
    }

    /**
     * The zone's abbreviation by UTC offset in minutes, for the offsets in force now and by its current rules
     * ({"-360": "CST", "-300": "CDT"}): the JDK's names, which a browser's Intl data does not share (it says
     * "UTC−5" in French). Taken from the zone's rules alone, never from the clock, so embed.js is the same bytes in
     * every run.
     */
    Map<String, String> zoneNames() {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> past = rules.getTransitions();
        Instant last = past.isEmpty() ? Instant.EPOCH : past.get(past.size() - 1).getInstant();
        List<Instant> samples = new java.util.ArrayList<>(List.of(last, last.minusSeconds(1)));
        int year = last.atZone(zone).getYear() + 1;
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            Instant at = rule.createTransition(year).getInstant();
            samples.add(at);
            samples.add(at.minusSeconds(1));
        }
        Map<String, String> names = new TreeMap<>();
        for (Instant at : samples) {
            names.put(Integer.toString(rules.getOffset(at).getTotalSeconds() / 60), zoneName.format(at.atZone(zone)));
        }
        return names;
    }

    /** The words of the event line ("Cancelled", "Register"), in the language of its days. */
    Messages words() {
        return words;
    }

    /** The instant's ISO form with its offset in the site's zone, for {@code <time datetime>}. */
    String machine(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
