package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static String hash(String imageAlt, String language) {
        return ContentHash.of("Storytime", URI.create("https://a.example/1"), "<p>s</p>", "", List.of("Ann"),
                List.of("Kids"), URI.create("https://a.example/1.jpg"), java.time.Instant.parse("2026-06-01T10:00:00Z"),
                null, "News", List.of("programmes"), null, "Photo: A", imageAlt, language);
    }

    /** The hash this item was stored with before items had an alt text and a language (computed by that code). */
    @Test
    void anItemWithoutAltOrLanguageKeepsTheHashItWasStoredWithSoAnUpgradeChangesNoStoredItem() {
        assertThat(hash(null, null)).isEqualTo("d19fd1c6f7021c3947a0b48daa64772b07260e0d57f70eca759a1fe2f6844c5e");
    }

    @Test
    void theAltAndTheLanguageEachChangeTheHashAndAreNotMistakenForEachOther() {
        Set<String> hashes = new HashSet<>();
        for (String[] pair : new String[][] {{null, null}, {"fr", null}, {null, "fr"}, {"", null}, {"fr", "fr"},
                {"A picture", "en"}}) {
            assertThat(hashes.add(hash(pair[0], pair[1]))).as("alt %s, language %s", pair[0], pair[1]).isTrue();
        }
    }
}
