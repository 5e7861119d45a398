package org.tributary.publish;

import org.jsoup.nodes.Element;
import org.tributary.normalize.Event;

/**
 * The event line under an item on every page ("Thursday 11 June 2026, 2:00–3:00 pm CDT · Online", "… all day",
 * "Cancelled · …"), and the item's article marked up as a schema.org Event in microdata (name, startDate, endDate,
 * location, organizer, eventStatus, url), which structured-data readers take from the page without any script.
 */
final class EventLine {

    static final String SCHEMA = "https://schema.org/";

    private EventLine() {}

    /** Adds the line to the article (after its heading and meta line) when the item announces an event. */
    static void append(Element article, PublishedItem item, DayTime days) {
        Event event = item.event();
        if (event == null) return;
        article.attr("itemscope", true).attr("itemtype", SCHEMA + "Event");
        Element heading = article.selectFirst("h1, h2, h3, h4, h5, h6");
        if (heading != null) {
            // The name on the heading and the url on its link: a microdata property on an <a> takes the link's
            // href as its value, so "url name" on the link gave parsers the URL as the event's name.
            heading.attr("itemprop", "name");
            Element a = heading.selectFirst("a");
            if (a != null) a.attr("itemprop", "url");
        } else {
            article.appendElement("meta").attr("itemprop", "name").attr("content", item.title());
        }
        Element line = article.appendElement("p").addClass("event");
        if (event.cancelled()) {
            line.appendElement("strong").addClass("cancelled").text(days.words().get("event.cancelled"));
            line.appendText(" · ");
            line.appendElement("link").attr("itemprop", "eventStatus").attr("href", SCHEMA + "EventCancelled");
        }
        String start = event.allDay() ? event.firstDay().toString() : event.start().toString();
        line.appendElement("time").attr("itemprop", "startDate").attr("datetime", start).text(days.when(event));
        if (event.end() != null) {
            String end = event.allDay() ? event.lastDay().toString() : event.end().toString();
            line.appendElement("meta").attr("itemprop", "endDate").attr("content", end);
        }
        if (event.location() != null) {
            line.appendText(" · ");
            Element place = line.appendElement("span").addClass("location").attr("itemprop", "location")
                    .attr("itemscope", true).attr("itemtype", SCHEMA + "Place");
            place.appendElement("span").attr("itemprop", "name").text(Texts.line(event.location()));
        }
        if (event.organizer() != null) {
            line.appendElement("meta").attr("itemprop", "organizer").attr("content", Texts.line(event.organizer()));
        }
        String registration = Texts.http(event.registration());
        if (registration != null) {
            line.appendText(" · ");
            line.appendElement("a").addClass("register").attr("href", registration).text(days.words().get("event.register"));
        }
    }
}
