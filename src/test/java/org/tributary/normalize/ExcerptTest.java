package org.tributary.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Excerpts are cut on grapheme cluster boundaries: what a reader sees as one character is never split. */
class ExcerptTest {

    private static final String BOOKS = "\uD83D\uDCDA";                               // 📚, a surrogate pair
    private static final String THUMBS_UP_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD";        // 👍🏽, emoji + skin tone
    private static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 👩‍👩‍👧, ZWJ sequence
    private static final String FLAGS = "\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9\uD83C\uDDEA"; // 🇫🇷🇩🇪, two flags
    private static final String E_ACUTE = "e\u0301";                                  // é as e + combining acute
    private static final String HANGUL = "\u1100\u1161\u11A8";                        // 각 as three jamo

    static Stream<Arguments> cuts() {
        return Stream.of(
                // name, text, max chars (ellipsis included), expected
                Arguments.of("combining accent stays with its letter", "abcd" + E_ACUTE + "fghij", 6, "abcd…"),
                Arguments.of("surrogate pair not split", "abcd" + BOOKS + "efgh", 6, "abcd…"),
                Arguments.of("emoji keeps its skin-tone modifier", "ab" + THUMBS_UP_MEDIUM + "cdefgh", 6, "ab…"),
                Arguments.of("whole modifier sequence fits", "ab" + THUMBS_UP_MEDIUM + "cdefgh", 7, "ab" + THUMBS_UP_MEDIUM + "…"),
                Arguments.of("ZWJ family is one character", "abc" + FAMILY + "defghij", 6, "abc…"),
                Arguments.of("flag pairs are not split", "ab" + FLAGS + "cdef", 5, "ab…"),
                Arguments.of("the first flag fits, the second does not", "ab" + FLAGS + "cdef", 8, "ab\uD83C\uDDEB\uD83C\uDDF7…"),
                Arguments.of("conjoining jamo stay one syllable", "ab" + HANGUL + "cdefg", 5, "ab…"),
                Arguments.of("word boundary preferred", "one two three", 9, "one two…"),
                Arguments.of("accented word cut at the space before it", "caf" + E_ACUTE + " cr" + E_ACUTE + "me br" + E_ACUTE + "l" + E_ACUTE + "e", 13, "caf" + E_ACUTE + " cr" + E_ACUTE + "me…"),
                Arguments.of("short text untouched", "short " + FAMILY, 40, "short " + FAMILY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cuts")
    void neverSplitsWhatAReaderSeesAsOneCharacter(String name, String text, int max, String expected) {
        String excerpt = Excerpt.cut(text, max);

        assertThat(excerpt).isEqualTo(expected).hasSizeLessThanOrEqualTo(max);
        assertThat(Character.isHighSurrogate(excerpt.charAt(Math.max(0, excerpt.length() - 2)))
                && excerpt.endsWith("…")).as("no lone high surrogate before the ellipsis").isFalse();
    }
}
