package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Last-Modified follows the bytes: kept while they stay the same, always later once they change. */
class DocumentCacheTest {

    private static final Instant T = Instant.parse("2026-11-29T10:00:00.250Z");

    private static Rendered doc(String text, Instant lastModified) {
        return Rendered.of(text, "text/plain; charset=utf-8", lastModified);
    }

    @Test
    void theSameBytesRenderedAgainKeepTheirLastModified() {
        DocumentCache cache = new DocumentCache(8);
        Rendered first = cache.get("k", 1, () -> doc("same", T));

        Rendered again = cache.get("k", 2, () -> doc("same", T.plusSeconds(3600)));

        assertThat(again.lastModified()).isEqualTo(first.lastModified());
        assertThat(again).isSameAs(first);
    }

    @Test
    void newBytesWithinTheSameSecondAreModifiedASecondLater() {
        DocumentCache cache = new DocumentCache(8);
        cache.get("k", 1, () -> doc("old", T));

        Rendered changed = cache.get("k", 2, () -> doc("new", T.plusMillis(300)));
        Rendered later = cache.get("k", 3, () -> doc("newer", T.plusSeconds(60)));

        assertThat(changed.lastModified()).isEqualTo(Instant.parse("2026-11-29T10:00:01Z"));
        assertThat(changed.fields().lastModified().getValue()).isEqualTo("Sun, 29 Nov 2026 10:00:01 GMT");
        assertThat(later.lastModified()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void evictsTheLeastRecentlyUsedUntilWithinItsBytes() {
        Rendered big = doc("x".repeat(10_000), T);
        long each = big.bytes();
        DocumentCache cache = new DocumentCache(100, each * 3);
        for (int i = 0; i < 10; i++) {
            String text = ("y" + i).repeat(5_000);
            cache.get("k" + i, 1, () -> doc(text, T));
            assertThat(cache.bytes()).isLessThanOrEqualTo(each * 3);
        }
        assertThat(cache.size()).isBetween(1, 3);
        assertThat(cache.peek("k9", 1, null)).isNotNull();
        assertThat(cache.peek("k0", 1, null)).isNull();
    }

    @Test
    void aDocumentLargerThanTheWholeBoundIsAnsweredButNotKept() {
        DocumentCache cache = new DocumentCache(100, 100);
        Rendered served = cache.get("k", 1, () -> doc("z".repeat(10_000), T));
        assertThat(served).isNotNull();
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void evictsByCountToo() {
        DocumentCache cache = new DocumentCache(2, Long.MAX_VALUE);
        for (int i = 0; i < 5; i++) {
            int n = i;
            cache.get("k" + i, 1, () -> doc("d" + n, T));
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(cache.peek("k3", 1, null).bytes() + cache.peek("k4", 1, null).bytes());
    }

    @Test
    void aDocumentNotToBeKeptLeavesTheCacheAsItWas() {
        DocumentCache cache = new DocumentCache(8, Long.MAX_VALUE);
        cache.get("k", 1, null, () -> new DocumentCache.Expiring(doc("once", T), null, false));
        assertThat(cache.size()).isZero();
    }
}
