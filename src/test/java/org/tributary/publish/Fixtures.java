package org.tributary.publish;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tributary.config.Site;
import org.tributary.config.Source;
import org.tributary.config.Topic;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;

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

    static final StoredItem HOSTILE = new StoredItem(Items.item("programming-librarian", "guid:hostile")
            .publicId("pl-hostile").guid("hostile").title(HOSTILE_TITLE)
            .summaryHtml("<p>Summary that ends a CDATA ]]> too " + EMOJI + "</p>")
            .contentHtml("<p>Content with ]]> and &amp; and \u0001 a control</p>").excerpt(HOSTILE_EXCERPT)
            .topics("partnerships").categories("Outreach").authors("Ann Author").published(HOSTILE_DATE)
            .contentHash("h1").build(),
            HOSTILE_DATE, HOSTILE_DATE, HOSTILE_DATE);

    static final StoredItem WEBINAR = new StoredItem(Items.item("programming-librarian", "guid:webinar-1")
            .publicId("pl-webinar").guid("webinar-1").link(WEBINAR_LINK).title(WEBINAR_TITLE)
            .summaryHtml("<p>This webinar presents tools, methodologies and strategies.</p>")
            .excerpt("This webinar presents tools, methodologies and strategies that can be used to gather input.")
            .type("Webinar").topics("engagement").categories("Community", "Webinar").authors("Jane Doe", "Sam Roe")
            .imageUrl(WEBINAR_IMAGE).published(WEBINAR_DATE).contentHash("h2").build(),
            WEBINAR_DATE, WEBINAR_DATE, WEBINAR_CHANGED);

    /** Its source "gone" was removed from feeds.yml after the item was stored. */
    static final StoredItem ORPHAN = new StoredItem(Items.item("gone", "link:https://gone.example.org/con")
            .publicId("gone-1").link("https://gone.example.org/con").title(ORPHAN_TITLE)
            .excerpt("Librarian Recommended blogger shares her experience.").published(ORPHAN_DATE).contentHash("h3")
            .build(),
            ORPHAN_DATE, ORPHAN_DATE, ORPHAN_DATE);

    static final String PHOTO_CREDIT = "Photo: jenlen, CC BY-NC-ND 2.0";
    static final java.time.ZoneId CHICAGO = java.time.ZoneId.of("America/Chicago");

    /** A webinar with its event (in Chicago's zone) and an image with its credit. */
    static final StoredItem EVENT = new StoredItem(Items.item("programming-librarian", "guid:event-1")
            .publicId("pl-event").guid("event-1").link("https://programminglibrarian.org/webinars/story-time")
            .title("Story time for grown-ups").summaryHtml("<p>Join us.</p>").excerpt("Join us.").type("Webinar")
            .imageUrl(WEBINAR_IMAGE).published(WEBINAR_DATE).contentHash("h4").imageCredit(PHOTO_CREDIT)
            .event(new org.tributary.normalize.Event(Instant.parse("2019-07-11T19:00:00Z"),
                    Instant.parse("2019-07-11T20:00:00Z"), false, CHICAGO, "Online", "ALA Public Programs Office",
                    "Webinar", false, URI.create("https://programminglibrarian.org/register")))
            .build(),
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
