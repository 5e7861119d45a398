package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;

/** What atom:updated and JSON Feed's date_modified say: when the item last changed, not when we first saw it. */
class PublishedItemTest {

    private static final Instant FIRST_SEEN = Instant.parse("2026-11-29T17:09:52Z");

    private static StoredItem stored(String id, Instant date, Instant ownUpdated, Instant changedAt) {
        Item item = Items.item("s", "guid:" + id).publicId("pid-" + id).guid(id).title("Title " + id).published(date)
                .updated(ownUpdated).contentHash("h-" + id).build();
        return new StoredItem(item, date, FIRST_SEEN, changedAt);
    }

    @Test
    void itemsFirstSeenInOneFetchKeepTheirOwnDates() {
        Instant may = Instant.parse("2019-05-23T09:00:00Z");
        Instant june = Instant.parse("2019-06-11T15:00:00Z");

        // Before: both said 2026-11-29T17:09:52Z, the moment of the fetch (W3C validator: DuplicateUpdated).
        assertThat(PublishedItem.updated(stored("a", may, null, FIRST_SEEN))).isEqualTo(may);
        assertThat(PublishedItem.updated(stored("b", june, null, FIRST_SEEN))).isEqualTo(june);
    }

    @Test
    void theSourcesOwnUpdatedDateCountsUnlessItIsInTheFuture() {
        Instant may = Instant.parse("2019-05-23T09:00:00Z");
        Instant june = Instant.parse("2019-06-11T15:00:00Z");

        assertThat(PublishedItem.updated(stored("a", may, june, FIRST_SEEN))).isEqualTo(june);
        assertThat(PublishedItem.updated(stored("b", may, FIRST_SEEN.plusSeconds(86_400), FIRST_SEEN))).isEqualTo(may);
        assertThat(PublishedItem.updated(stored("c", june, may, FIRST_SEEN))).isEqualTo(june);
    }

    @Test
    void anItemWeUpdatedInPlaceIsUpdatedWhenWeDidIt() {
        Instant may = Instant.parse("2019-05-23T09:00:00Z");
        Instant changed = FIRST_SEEN.plusSeconds(3600);

        assertThat(PublishedItem.updated(stored("a", may, null, changed))).isEqualTo(changed);
    }

    @Test
    void anImageOnASingleLabelHostIsDroppedAndAPublicOneKept() {
        Instant may = Instant.parse("2019-05-23T09:00:00Z");
        Item intranet = Items.item("s", "guid:i").publicId("pid-i").guid("i").title("T")
                .imageUrl(java.net.URI.create("http://intranet/logo.png")).published(may).contentHash("h-i").build();
        Item public_ = Items.item("s", "guid:p").publicId("pid-p").guid("p").title("T")
                .imageUrl(java.net.URI.create("https://www.example.org/logo.png")).published(may).contentHash("h-p")
                .build();

        assertThat(PublishedItem.of(new StoredItem(intranet, may, FIRST_SEEN, FIRST_SEEN), java.util.Map.of(), Fixtures.SITE).image())
                .isNull();
        assertThat(PublishedItem.of(new StoredItem(public_, may, FIRST_SEEN, FIRST_SEEN), java.util.Map.of(), Fixtures.SITE).image())
                .isEqualTo("https://www.example.org/logo.png");
    }
}
