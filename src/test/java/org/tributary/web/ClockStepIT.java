package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.publish.FeedFormat;
import org.tributary.publish.Publisher;
import org.tributary.store.ItemPages;

/**
 * The store's version is trusted for a second of monotonic time, not of wall-clock time: with the clock stepped
 * back an hour, a new item is still published within that second.
 */
class ClockStepIT {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void aWallClockSteppedBackAnHourDoesNotDelayPublishing() throws Exception {
        AtomicReference<Instant> wall = new AtomicReference<>(T0);
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        try (WebFixture data = new WebFixture(dataDir, null)) {
            data.add("Before the step", "News", T0.minusSeconds(600), T0.minusSeconds(600), "partnerships");
            Documents documents = TestDocuments.of(() -> data.config, data.store, new ItemPages(data.store),
                    new Publisher(), (InstantSource) wall::get, Duration.ofSeconds(1), () -> { },
                    new DocumentCache(64, 1 << 24), nanos::get);
            FeedFilter all = documents.unfiltered(null);
            assertThat(body(documents.feed(FeedFormat.ATOM, null, all, Documents.Mode.RENDER)))
                    .contains("Before the step");

            data.add("After the step", "News", T0.minusSeconds(300), T0.minusSeconds(300), "partnerships");
            wall.set(T0.minus(Duration.ofHours(1)));       // the wall clock jumps back an hour
            nanos.addAndGet(Duration.ofMillis(1100).toNanos()); // while 1.1 s really pass

            assertThat(body(documents.feed(FeedFormat.ATOM, null, all, Documents.Mode.RENDER)))
                    .contains("After the step");
        }
    }

    @Test
    void withinTheSecondTheVersionIsTrustedWhateverTheWallClockDoes() throws Exception {
        AtomicReference<Instant> wall = new AtomicReference<>(T0);
        AtomicLong nanos = new AtomicLong(0);
        try (WebFixture data = new WebFixture(dataDir, null)) {
            Documents documents = TestDocuments.of(() -> data.config, data.store, new ItemPages(data.store),
                    new Publisher(), (InstantSource) wall::get, Duration.ofSeconds(1), () -> { },
                    new DocumentCache(64, 1 << 24), nanos::get);
            long seen = documents.version();
            data.add("Meanwhile", "News", T0, T0, "partnerships");
            wall.set(T0.plus(Duration.ofHours(2)));        // forward two hours: no real time passed
            assertThat(documents.version()).isEqualTo(seen);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(documents.version()).isNotEqualTo(seen);
        }
    }

    private static String body(Rendered doc) {
        return new String(doc.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
