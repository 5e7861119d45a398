package org.tributary.publish;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tributary.config.Site;
import org.tributary.config.Source;
import org.tributary.config.Topic;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;

/**
 * Hand-made items for the publish tests, newest first: a hostile one (script title, "]]>", U+0001, an emoji,
 * no link, no image), a webinar with an image, and an item whose source is no longer configured.
 */
final class Fixtures {

    static final String HOSTILE_TITLE = "<script>alert(1)</script>";
    static final String EMOJI = "\uD83D\uDCDA";   // 📚, outside the BMP: a surrogate pair in Java
    static final String HOSTILE_EXCERPT = "Ends the CDATA ]]> early\u0001 and reads " + EMOJI + " books";
    static final String WEBINAR_TITLE = "Getting to the Heart of the Community Through Discovery";
    static final String WEBINAR_LINK = "https://programminglibrarian.org/webinars/heart-community";
    static final String WEBINAR_IMAGE = "https://programminglibrarian.org/images/heart.png";
    static final String ORPHAN_TITLE = "Planning a Library Con or Pop Culture Festival";

    static final Instant HOSTILE_DATE = Instant.parse("2019-06-27T14:00:00Z");
    static final Instant WEBINAR_DATE = Instant.parse("2019-06-11T15:30:00Z");
    static final Instant WEBINAR_CHANGED = Instant.parse("2019-06-12T08:00:00.250Z");
    static final Instant ORPHAN_DATE = Instant.parse("2019-05-23T09:00:00Z");
    /** When a test renders its views: an empty view is dated by it. */
    static final Instant RENDERED = Instant.parse("2019-07-01T10:00:00Z");

    /** The writers' tests see each format's own shape: the partner credit (site.source_credit) is SourceCreditTest's. */
    static final Site SITE = Site.builder("Most Recently Added", URI.create("https://library.example.org/"),
                    URI.create("http://localhost:8080"))
            .description("News and webinars from our partner libraries").hub(URI.create("https://hub.example.org/"))
            .sourceCredit(Site.SourceCredit.NONE).build();

    static final Site SITE_WITHOUT_HUB = Site.builder("Most Recently Added", URI.create("https://library.example.org/"),
            URI.create("http://localhost:8080/")).sourceCredit(Site.SourceCredit.NONE).build();

    static final Topic PARTNERSHIPS = new Topic("partnerships", "Partnerships & collaboration",
            "When the library builds partnerships, it strengthens the ties to its community.",
            new Topic.Image(URI.create("https://library.example.org/img/partners.jpg"), "Photo: jenlen, CC BY-NC-ND 2.0"));
    static final Topic ENGAGEMENT = new Topic("engagement", "Community engagement", "", null);
    static final List<Topic> TOPICS = List.of(PARTNERSHIPS, ENGAGEMENT);

    static final Source PROGRAMMING_LIBRARIAN = new Source("programming-librarian", "Programming Librarian",
            URI.create("https://programminglibrarian.org/feed"), URI.create("https://programminglibrarian.org/"),
            Source.Kind.PARTNER, "News", List.of("partnerships", "engagement"), Duration.ofMinutes(15), null, List.of());
    static final Source WLS = new Source("wls", "Westfield Library System", URI.create("https://wls.example.org/news.rss"),
            null, Source.Kind.LIBRARY, "News", List.of("engagement"), Duration.ofMinutes(30), null, List.of());
    static final List<Source> SOURCES = List.of(PROGRAMMING_LIBRARIAN, WLS);
    static final Map<String, Source> SOURCES_BY_ID = Map.of(PROGRAMMING_LIBRARIAN.id(), PROGRAMMING_LIBRARIAN,
            WLS.id(), WLS);

    static final StoredItem HOSTILE = new StoredItem(new Item(
            "pl-hostile", "programming-librarian", "guid:hostile", "hostile", null,
            HOSTILE_TITLE,
            "<p>Summary that ends a CDATA ]]> too " + EMOJI + "</p>",
            "<p>Content with ]]> and &amp; and \u0001 a control</p>",
            HOSTILE_EXCERPT,
            "News", List.of("partnerships"), List.of("Outreach"), List.of("Ann Author"),
            null, HOSTILE_DATE, null, "h1"),
            HOSTILE_DATE, HOSTILE_DATE, HOSTILE_DATE);

    static final StoredItem WEBINAR = new StoredItem(new Item(
            "pl-webinar", "programming-librarian", "guid:webinar-1", "webinar-1", URI.create(WEBINAR_LINK),
            WEBINAR_TITLE,
            "<p>This webinar presents tools, methodologies and strategies.</p>",
            "",
            "This webinar presents tools, methodologies and strategies that can be used to gather input.",
            "Webinar", List.of("engagement"), List.of("Community", "Webinar"), List.of("Jane Doe", "Sam Roe"),
            URI.create(WEBINAR_IMAGE), WEBINAR_DATE, null, "h2"),
            WEBINAR_DATE, WEBINAR_DATE, WEBINAR_CHANGED);

    /** Its source "gone" was removed from feeds.yml after the item was stored. */
    static final StoredItem ORPHAN = new StoredItem(new Item(
            "gone-1", "gone", "link:https://gone.example.org/con", null, URI.create("https://gone.example.org/con"),
            ORPHAN_TITLE, "", "", "Librarian Recommended blogger shares her experience.",
            "News", List.of(), List.of(), List.of(), null, ORPHAN_DATE, null, "h3"),
            ORPHAN_DATE, ORPHAN_DATE, ORPHAN_DATE);

    static final String PHOTO_CREDIT = "Photo: jenlen, CC BY-NC-ND 2.0";
    static final java.time.ZoneId CHICAGO = java.time.ZoneId.of("America/Chicago");

    /** A webinar with its event (in Chicago's zone) and an image with its credit. */
    static final StoredItem EVENT = new StoredItem(new Item(
            "pl-event", "programming-librarian", "guid:event-1", "event-1",
            URI.create("https://programminglibrarian.org/webinars/story-time"),
            "Story time for grown-ups", "<p>Join us.</p>", "", "Join us.",
            "Webinar", List.of(), List.of(), List.of(), URI.create(WEBINAR_IMAGE), WEBINAR_DATE, null, "h4",
            null, PHOTO_CREDIT, null,
            new org.tributary.normalize.Event(Instant.parse("2019-07-11T19:00:00Z"),
                    Instant.parse("2019-07-11T20:00:00Z"), false, CHICAGO, "Online", "ALA Public Programs Office",
                    "Webinar", false, URI.create("https://programminglibrarian.org/register"))),
            WEBINAR_DATE, WEBINAR_DATE, WEBINAR_DATE);

    static FeedView withEvent() {
        return FeedView.merged(SITE, TOPICS, "", List.of(EVENT, WEBINAR), SOURCES_BY_ID, RENDERED);
    }

    static final List<StoredItem> ITEMS = List.of(HOSTILE, WEBINAR, ORPHAN);

    static FeedView merged() {
        return FeedView.merged(SITE, TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED);
    }

    static FeedView topic() {
        return FeedView.ofTopic(SITE, PARTNERSHIPS, TOPICS, "", List.of(HOSTILE, WEBINAR), SOURCES_BY_ID, RENDERED);
    }

    private Fixtures() {
    }
}
