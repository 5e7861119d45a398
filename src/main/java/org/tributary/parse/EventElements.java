package org.tributary.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdom2.Element;

/**
 * The event fields an RSS or Atom entry carries as elements of its own: the RSS event module ({@code ev:startdate},
 * {@code ev:enddate}, {@code ev:location}, {@code ev:organizer}, {@code ev:type}) and Springshare LibCal's RSS
 * ({@code libcal:date} 2026-10-04, {@code libcal:start} and {@code libcal:end} 13:30:00 in the calendar's own zone,
 * 00:00:00 to 23:59:59 for a day-long entry, {@code libcal:location} the room, {@code libcal:campus} the branch).
 * LibCal writes a called-off session as "Cancelled: title".
 */
final class EventElements {

    static final String EV = "http://purl.org/rss/1.0/modules/event/";
    /** LibCal's namespace as its feeds declare it; the element names are what identify it, whatever the URI. */
    static final String LIBCAL = "https://libcal.com/rss_xmlns.php";

    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CANCELLED = Pattern.compile("^\\s*\\[?\\s*cancell?ed\\s*\\]?\\s*[:\\-–—]", Pattern.CASE_INSENSITIVE);

    private EventElements() {}

    /** The entry's event, or null when it has none. */
    static ParsedEvent read(Element entry) {
        ParsedEvent ev = ev(entry);
        ParsedEvent libcal = libcal(entry);
        return ev != null ? ev.orElse(libcal) : libcal;
    }

    /** "Cancelled: Story time", "CANCELED - Book club", "[Cancelled] ...": how calendars mark a called-off event. */
    static boolean cancelledTitle(String title) {
        return title != null && CANCELLED.matcher(title).find();
    }

    private static ParsedEvent ev(Element entry) {
        String start = text(entry, EV, "startdate");
        if (start == null) return null;
        return new ParsedEvent(start, text(entry, EV, "enddate"), DAY.matcher(start).matches(), null,
                text(entry, EV, "location"), text(entry, EV, "organizer"), text(entry, EV, "type"), null, null, "ev");
    }

    private static ParsedEvent libcal(Element entry) {
        String date = text(entry, LIBCAL, "date");
        if (date == null || !DAY.matcher(date).matches()) return null;
        String start = text(entry, LIBCAL, "start");
        String end = text(entry, LIBCAL, "end");
        boolean hasStart = start != null && CLOCK.matcher(start).matches();
        boolean hasEnd = end != null && CLOCK.matcher(end).matches();
        boolean allDay = !hasStart || (start.startsWith("00:00") && hasEnd && end.startsWith("23:59"));
        List<String> where = new ArrayList<>();
        for (String part : new String[] {text(entry, LIBCAL, "location"), text(entry, LIBCAL, "campus")}) {
            if (part != null && !where.contains(part)) where.add(part);
        }
        return new ParsedEvent(allDay ? date : date + "T" + start, allDay || !hasEnd ? null : date + "T" + end,
                allDay, null, where.isEmpty() ? null : String.join(", ", where), null, null, null, null, "libcal");
    }

    /**
     * The first non-blank text of a child called {@code local} in {@code ns}. A LibCal element is matched by its prefix too: feeds declare the namespace under more than one URI.
     */
    private static String text(Element parent, String ns, String local) {
        for (Element e : parent.getChildren()) {
            if (!e.getName().equals(local)) continue;
            String uri = e.getNamespaceURI();
            boolean ok = uri.equals(ns) || (ns.equals(LIBCAL) && e.getNamespacePrefix().toLowerCase(Locale.ROOT).equals("libcal"))
                    || (ns.equals(EV) && uri.equals(EV.substring(0, EV.length() - 1)));
            String t = e.getTextNormalize();
            if (ok && !t.isEmpty()) return t;
        }
        return null;
    }
}
