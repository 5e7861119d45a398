package org.tributary.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Built as a Jackson tree, not by binding records,
 * so the field names are the spec's and an absent value is an absent key rather than a null.
 */
final class JsonFeedWriter {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    /** Thread-safe once configured; it is never reconfigured. */
    private final ObjectMapper mapper = new ObjectMapper();

    JsonFeedWriter() {
    }

    String write(FeedView view) {
        ObjectNode feed = mapper.createObjectNode();
        feed.put("version", VERSION);
        feed.put("title", Texts.line(view.title()));
        feed.put("home_page_url", view.homeUrl());
        feed.put("feed_url", view.feedUrl(FeedFormat.JSON));
        Paging paging = view.paging();
        // JSON Feed's own paging is next_url (older items); the rest of RFC 5005's links go in our extension.
        if (paging.next() != null) feed.put("next_url", view.pageUrl(FeedFormat.JSON, paging.next()));
        String description = Texts.clean(view.description()).strip();
        if (!description.isEmpty()) feed.put("description", description);
        feed.put("language", Texts.line(view.site().language()));
        String icon = SiteIcon.feedUrl(view.site());
        if (icon != null) {
            feed.put("icon", icon);
            feed.put("favicon", icon);
        }
        feed.putArray("authors").addObject().put("name", Texts.line(view.site().title()));
        String hub = Texts.http(view.site().hub());
        if (hub != null) feed.putArray("hubs").addObject().put("type", "WebSub").put("url", hub);

        if (paging.paged()) {
            ObjectNode ours = feed.putObject("_tributary");
            ours.put("self_url", view.selfUrl(FeedFormat.JSON));
            ours.put("first_url", view.pageUrl(FeedFormat.JSON, Paging.Ref.FIRST));
            if (paging.previous() != null) ours.put("previous_url", view.pageUrl(FeedFormat.JSON, paging.previous()));
        }

        ArrayNode items = feed.putArray("items");
        for (var stored : view.items()) items.add(item(PublishedItem.of(stored, view.sources(), view.site()).credited(view.site().sourceCredit())));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("publish: cannot write JSON Feed: " + e.getMessage(), e);
        }
    }

    private ObjectNode item(PublishedItem entry) {
        ObjectNode item = mapper.createObjectNode();
        item.put("id", entry.id());
        if (entry.link() != null) item.put("url", entry.link());
        item.put("title", entry.title());
        if (!entry.excerpt().isEmpty()) item.put("summary", entry.excerpt());
        // The spec requires content_html or content_text; the excerpt as text is the last resort.
        String html = entry.contentHtml().isEmpty() ? entry.summaryHtml() : entry.contentHtml();
        if (!html.isEmpty()) item.put("content_html", html);
        else item.put("content_text", entry.excerpt());
        if (entry.image() != null) item.put("image", entry.image());
        item.put("date_published", rfc3339(entry.published()));
        item.put("date_modified", rfc3339(entry.updated()));
        strings(item.putArray("tags"), entry.tags());
        if (!entry.authors().isEmpty()) {
            ArrayNode authors = item.putArray("authors");
            for (String name : entry.authors()) authors.addObject().put("name", name);
        }

        ObjectNode ours = item.putObject("_tributary");
        ours.put("type", entry.type());
        ObjectNode source = ours.putObject("source");
        source.put("id", entry.source().id());
        source.put("title", entry.source().title());
        if (entry.source().feedUrl() != null) source.put("url", entry.source().feedUrl());
        if (entry.source().home() != null) source.put("home", entry.source().home());
        if (!entry.otherCopies().isEmpty()) {
            // "Also from ...": every other source that carried the story, with the link of its copy when known.
            ArrayNode also = ours.putArray("also_from");
            for (PublishedItem.OtherCopy copy : entry.otherCopies()) {
                ObjectNode other = also.addObject();
                other.put("id", copy.source().id());
                other.put("title", copy.source().title());
                if (copy.link() != null) other.put("url", copy.link());
                if (copy.source().home() != null) other.put("home", copy.source().home());
            }
        }
        if (entry.event() != null) event(ours.putObject("event"), entry.event());
        if (entry.imageCredit() != null) ours.put("image_credit", entry.imageCredit());
        // JSON Feed has no alt text for "image", and only a feed-wide language; ours are per item.
        if (entry.image() != null) ours.put("image_alt", entry.imageAlt());
        if (entry.language() != null) ours.put("language", entry.language());
        return item;
    }

    /** The item's event: instants in UTC (RFC 3339), days for an all-day event, the zone it was written in. */
    private static void event(ObjectNode node, org.tributary.normalize.Event event) {
        node.put("start", event.allDay() ? event.firstDay().toString() : event.start().toString());
        if (event.end() != null) node.put("end", event.allDay() ? event.lastDay().toString() : event.end().toString());
        node.put("all_day", event.allDay());
        if (event.zone() != null) node.put("timezone", event.zone().getId());
        if (event.location() != null) node.put("location", Texts.line(event.location()));
        if (event.organizer() != null) node.put("organizer", Texts.line(event.organizer()));
        if (event.type() != null) node.put("type", Texts.line(event.type()));
        node.put("cancelled", event.cancelled());
        String registration = Texts.http(event.registration());
        if (registration != null) node.put("registration_url", registration);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Seconds precision in UTC, "2019-06-27T09:30:00Z", the same instant the Atom feed shows. */
    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
