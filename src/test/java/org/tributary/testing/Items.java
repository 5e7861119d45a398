package org.tributary.testing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;

/**
 * Items for tests, named field by field: {@code Items.item("s1", "guid:1").title("Storytime").published(t).build()}.
 * Every field the test does not name has a default that a normalized item could have: public id
 * {@code "pid-" + source + "-" + identity}, type News, content hash "h", no dates, image, event or language, and
 * empty text and lists. Production makes an item one way only (the record's constructor, from the normalizer or a
 * stored row); this builder is that constructor with names.
 */
public final class Items {

    private String publicId;
    private final String sourceId;
    private final String identity;
    private String guid;
    private URI link;
    private String title = "";
    private String summaryHtml = "";
    private String contentHtml = "";
    private String excerpt = "";
    private String type = "News";
    private List<String> topics = List.of();
    private List<String> categories = List.of();
    private List<String> authors = List.of();
    private URI imageUrl;
    private Instant published;
    private Instant updated;
    private String contentHash = "h";
    private Instant eventStart;
    private String imageCredit;
    private String rawHash;
    private Event event;
    private String imageAlt;
    private String language;

    private Items(String sourceId, String identity) {
        this.sourceId = sourceId;
        this.identity = identity;
        this.publicId = "pid-" + sourceId + "-" + identity;
    }

    /** An item of {@code sourceId} with the per-source key {@code identity} ("guid:1", "link:...", "hash:..."). */
    public static Items item(String sourceId, String identity) {
        return new Items(sourceId, identity);
    }

    public Items publicId(String value) { publicId = value; return this; }
    public Items guid(String value) { guid = value; return this; }
    public Items link(URI value) { link = value; return this; }
    public Items link(String value) { link = value == null ? null : URI.create(value); return this; }
    public Items title(String value) { title = value; return this; }
    public Items summaryHtml(String value) { summaryHtml = value; return this; }
    public Items contentHtml(String value) { contentHtml = value; return this; }
    public Items excerpt(String value) { excerpt = value; return this; }
    public Items type(String value) { type = value; return this; }
    public Items topics(List<String> value) { topics = value; return this; }
    public Items topics(String... value) { topics = List.of(value); return this; }
    public Items categories(List<String> value) { categories = value; return this; }
    public Items categories(String... value) { categories = List.of(value); return this; }
    public Items authors(List<String> value) { authors = value; return this; }
    public Items authors(String... value) { authors = List.of(value); return this; }
    public Items imageUrl(URI value) { imageUrl = value; return this; }
    public Items imageUrl(String value) { imageUrl = value == null ? null : URI.create(value); return this; }
    public Items published(Instant value) { published = value; return this; }
    public Items updated(Instant value) { updated = value; return this; }
    public Items contentHash(String value) { contentHash = value; return this; }
    public Items eventStart(Instant value) { eventStart = value; return this; }
    public Items imageCredit(String value) { imageCredit = value; return this; }
    public Items rawHash(String value) { rawHash = value; return this; }
    public Items event(Event value) { event = value; return this; }
    public Items imageAlt(String value) { imageAlt = value; return this; }
    public Items language(String value) { language = value; return this; }

    public Item build() {
        return new Item(publicId, sourceId, identity, guid, link, title, summaryHtml, contentHtml, excerpt, type,
                topics, categories, authors, imageUrl, published, updated, contentHash, eventStart, imageCredit,
                rawHash, event, imageAlt, language);
    }
}
