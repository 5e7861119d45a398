package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.publish.ImageLinks;
import org.tributary.testing.TestClock;

/** The image cache stays within its bytes and files, dropping the least recently served first, across restarts. */
class ImageCacheTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static String key(int n) {
        return ImageLinks.key("https://img.example.org/" + n + ".png");
    }

    private static byte[] body(int size, int fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private long bytesOnDisk() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void staysUnderItsByteBoundEvictingTheLeastRecentlyServed() throws Exception {
        ImageCache cache = new ImageCache(dir, 10_000, 1000, clock);
        for (int n = 0; n < 50; n++) {
            cache.put(key(n), ImageType.PNG, body(1_000, n));
            clock.advance(java.time.Duration.ofSeconds(1));
            assertThat(cache.get(key(0))).as("served each time, so kept").isPresent();
            assertThat(cache.bytes()).isLessThanOrEqualTo(10_000);
            assertThat(bytesOnDisk()).isEqualTo(cache.bytes());
        }
        assertThat(cache.files()).isEqualTo(10);
        assertThat(cache.get(key(0)).orElseThrow().bytes()).isEqualTo(body(1_000, 0));
        assertThat(cache.get(key(1))).as("the oldest never served again").isEmpty();
        assertThat(cache.get(key(49))).isPresent();
    }

    @Test
    void staysUnderItsFileBound() throws Exception {
        ImageCache cache = new ImageCache(dir, 1 << 20, 3, clock);
        for (int n = 0; n < 5; n++) cache.put(key(n), ImageType.GIF, body(10, n));
        assertThat(cache.files()).isEqualTo(3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(key(2) + ".gif", key(3) + ".gif", key(4) + ".gif");
        }
    }

    @Test
    void aRestartKeepsTheImagesAndTheirTypeAndTighterBoundsEvictTheLeastRecent() throws Exception {
        ImageCache first = new ImageCache(dir, 1 << 20, 100, clock);
        for (int n = 0; n < 4; n++) {
            first.put(key(n), n % 2 == 0 ? ImageType.JPEG : ImageType.WEBP, body(100, n));
            clock.advance(java.time.Duration.ofMinutes(1));
        }
        first.get(key(0));   // served last: newest now
        Files.writeString(dir.resolve(key(9) + "123.tmp"), "half");

        ImageCache second = new ImageCache(dir, 1 << 20, 2, clock);
        assertThat(second.files()).isEqualTo(2);
        assertThat(second.get(key(0)).orElseThrow().type()).isEqualTo(ImageType.JPEG);
        assertThat(second.get(key(3)).orElseThrow().type()).isEqualTo(ImageType.WEBP);
        assertThat(second.get(key(1))).isEmpty();
        assertThat(dir.resolve(key(9) + "123.tmp")).doesNotExist();
    }

    @Test
    void anImageLargerThanTheWholeCacheIsNotKept() {
        ImageCache cache = new ImageCache(dir, 100, 10, clock);
        cache.put(key(1), ImageType.PNG, body(101, 1));
        assertThat(cache.files()).isZero();
        assertThat(cache.get(key(1))).isEmpty();
    }
}
