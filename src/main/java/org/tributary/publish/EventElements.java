package org.tributary.publish;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.tributary.normalize.Event;

/**
 * An item's event as the RSS/Atom event module writes it (http://purl.org/rss/1.0/modules/event/), the same elements
 * in both formats: {@code ev:startdate} and {@code ev:enddate} in W3C-DTF, {@code ev:location}, {@code ev:organizer},
 * {@code ev:type}. Times carry the offset of the zone the event was written in, else the site's, so a reader that
 * drops the offset still shows the local hour; an all-day event is its days ("2026-10-04"), its end the last day it
 * covers (the module has no exclusive end). Cancellation and the sign-up link have no element in the module: they
 * are in the JSON Feed's {@code _tributary.event} and the iCalendar.
 */
final class EventElements {

    static final Namespace NAMESPACE = Namespace.getNamespace("ev", "http://purl.org/rss/1.0/modules/event/");

    private static final DateTimeFormatter W3CDTF = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private EventElements() {
    }

    /** The elements for this event, in the module's order; none when there is no event. */
    static List<Element> of(Event event, ZoneId siteZone) {
        List<Element> out = new ArrayList<>();
        if (event == null) return out;
        ZoneId zone = event.zone() != null ? event.zone() : siteZone;
        if (event.allDay()) {
            out.add(element("startdate", event.firstDay().toString()));
            if (event.end() != null && !event.lastDay().equals(event.firstDay())) {
                out.add(element("enddate", event.lastDay().toString()));
            }
        } else {
            out.add(element("startdate", W3CDTF.format(event.start().atZone(zone))));
            if (event.end() != null) out.add(element("enddate", W3CDTF.format(event.end().atZone(zone))));
        }
        if (event.location() != null) out.add(element("location", Texts.line(event.location())));
        if (event.organizer() != null) out.add(element("organizer", Texts.line(event.organizer())));
        if (event.type() != null) out.add(element("type", Texts.line(event.type())));
        out.removeIf(e -> e.getText().isEmpty());
        return out;
    }

    private static Element element(String name, String text) {
        return new Element(name, NAMESPACE).setText(text);
    }
}
