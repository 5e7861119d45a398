package org.tributary.publish;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import org.tributary.normalize.Event;
import org.tributary.store.StoredItem;

/**
 * {@code /events.ics}: the view's event items as iCalendar, written with ical4j. Times are UTC (no VTIMEZONE to
 * keep in step with the zone database); an all-day event is VALUE=DATE on the days it was written for. The UID is
 * the item's public id at the site's host, so it stays the same for as long as the item does; SEQUENCE is how many
 * changes were stored to it.
 */
final class IcsWriter {

    String write(FeedView view) {
        Calendar calendar = new Calendar().withProdId("-//Tributary//Events//EN").withDefaults().getFluentTarget();
        calendar.add(new XProperty("X-WR-CALNAME", Texts.line(view.title())));
        String host = URI.create(view.site().url("/")).getHost();
        for (StoredItem stored : view.items()) {
            Event event = stored.item().event();
            if (event == null) continue;
            PublishedItem item = PublishedItem.of(stored, view.sources(), view.site());
            calendar.add(vevent(item, event, stored, host == null ? "tributary" : host));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string failed", e);
        }
        return out.toString();
    }

    private static VEvent vevent(PublishedItem item, Event event, StoredItem stored, String host) {
        VEvent v = new VEvent(false);
        v.add(new Uid(item.publicId() + "@" + host));
        v.add(new DtStamp(stored.changedAt()));
        v.add(new LastModified(stored.changedAt()));
        v.add(new Sequence(stored.revision()));
        Temporal start = event.allDay() ? event.firstDay() : utc(event.start());
        v.add(new DtStart<>(start));
        if (event.allDay()) {
            v.add(new DtEnd<>(event.lastDay().plusDays(1)));
        } else if (event.end() != null) {
            v.add(new DtEnd<>(utc(event.end())));
        }
        v.add(new Summary(item.title()));
        if (item.link() != null) v.add(new Url(URI.create(item.link())));
        if (event.location() != null) v.add(new Location(Texts.line(event.location())));
        StringBuilder description = new StringBuilder(item.excerpt());
        if (item.link() != null) description.append(description.isEmpty() ? "" : "\n\n").append(item.link());
        if (!description.isEmpty()) v.add(new Description(description.toString()));
        Set<String> categories = new LinkedHashSet<>();
        if (event.type() != null) categories.add(Texts.line(event.type()));
        if (!item.type().isEmpty()) categories.add(item.type());
        categories.addAll(stored.item().topics());
        categories.removeIf(String::isBlank);
        if (!categories.isEmpty()) v.add(new Categories(new TextList(new ArrayList<>(categories))));
        if (event.organizer() != null) {
            Organizer organizer = new Organizer();
            organizer.setValue("mailto:noreply@" + host);
            organizer.add(new net.fortuna.ical4j.model.parameter.Cn(Texts.line(event.organizer())));
            v.add(organizer);
        }
        v.add(new Status(event.cancelled() ? "CANCELLED" : "CONFIRMED"));
        return v;
    }

    private static java.time.ZonedDateTime utc(Instant instant) {
        return instant.atZone(java.time.ZoneOffset.UTC);
    }
}
