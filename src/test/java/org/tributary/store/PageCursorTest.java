package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    private static final PageCursor CURSOR = new PageCursor(Instant.parse("2019-06-11T15:30:00.123456Z"),
            Instant.parse("2019-06-12T08:00:00Z"), "pl-web inar:1");

    @Test
    void encodesToAUrlAndFileSafeTokenThatDecodesToTheSameCursor() {
        String token = CURSOR.encode();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(token)).contains(CURSOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "!!!", "MSAx", "<script>"})
    void refusesWhatItDidNotMake(String token) {
        assertThat(PageCursor.decode(token)).isEmpty();
    }

    @Test
    void refusesANonCanonicalSpellingOfAValidCursor() {
        String raw = "1 01 0 1 0 x";   // "01" parses as 1 but is not how we write it
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(PageCursor.decode(token)).isEmpty();
        assertThat(PageCursor.decode(token + "=")).isEmpty();
    }

    @Test
    void refusesOutOfRangeNanos() {
        String raw = "1 1 1000000000 1 0 x";
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(PageCursor.decode(token)).isEmpty();
    }
}
