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
}
