package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.config.Site;
import org.tributary.normalize.Item;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;

/** Where a published image points with site.image_proxy off and on. */
class ImageLinksTest {

    private static final Instant MAY = Instant.parse("2019-05-23T09:00:00Z");
    private static final String IMAGE = "https://www.example.org/img/logo.png";
    private static final Site PROXIED = Site.builder("T", URI.create("https://lib.example.org/"),
            URI.create("https://lib.example.org/news")).imageProxy(Site.ImageProxy.ON).build();

    private static PublishedItem published(String imageUrl, Site site) {
        Item item = Items.item("s", "guid:p").publicId("pid-p").guid("p").title("T").imageUrl(imageUrl)
                .published(MAY).contentHash("h-p").build();
        return PublishedItem.of(new StoredItem(item, MAY, MAY, MAY), Map.of(), site);
    }

    @Test
    void offTheImageIsLinkedWhereItIs() {
        assertThat(published(IMAGE, Fixtures.SITE).image()).isEqualTo(IMAGE);
    }

    @Test
    void onTheImageIsLinkedUnderTheBaseUrlByTheKeyOfItsUrl() {
        String key = ImageLinks.key(IMAGE);
        assertThat(published(IMAGE, PROXIED).image()).isEqualTo("https://lib.example.org/news/images/" + key);
        assertThat(ImageLinks.isKey(key)).isTrue();
        assertThat(key).hasSize(43).doesNotContain("+", "/", "=");
        assertThat(ImageLinks.key("https://www.example.org/img/logo.png?v=2")).isNotEqualTo(key);
    }

    @Test
    void anImageTheFeedsWouldDropIsNotProxiedEither() {
        assertThat(published("http://intranet/logo.png", PROXIED).image()).isNull();
        assertThat(published(null, PROXIED).image()).isNull();
        assertThat(ImageLinks.published("http://intranet/logo.png")).isEmpty();
        assertThat(ImageLinks.published(IMAGE)).hasValue(IMAGE);
    }

    @Test
    void onlyKeyShapedTextIsAKey() {
        assertThat(ImageLinks.isKey("../../feeds.yml")).isFalse();
        assertThat(ImageLinks.isKey("A".repeat(42))).isFalse();
        assertThat(ImageLinks.isKey(null)).isFalse();
    }
}
