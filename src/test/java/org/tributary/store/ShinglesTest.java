package org.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The "nearly the same text" threshold against the table of pairs: every copy that shares a title (and not a link)
 * scores at or above it, every different story below it, each with a margin. Prints the figures the threshold's
 * comment quotes.
 */
class ShinglesTest {

    private static final double MARGIN = 0.1;

    @Test
    void theThresholdSeparatesTheCopiesFromTheDifferentStoriesOfTheTable() {
        List<SamePairs> byTitle = SamePairs.all().stream().filter(p -> !p.sameLink())
                .filter(p -> Objects.equals(Duplicates.titleKey(p.titleA()), Duplicates.titleKey(p.titleB())))
                .toList();
        double lowestCopy = 1;
        double highestOther = 0;
        for (SamePairs p : byTitle) {
            double score = Shingles.similarity(p.textA(), p.textB());
            System.out.printf("%.3f %s%n", score, p);
            if (p.merge()) lowestCopy = Math.min(lowestCopy, score);
            else highestOther = Math.max(highestOther, score);
        }
        System.out.printf("lowest copy %.3f, highest different story %.3f, threshold %.2f%n", lowestCopy,
                highestOther, Shingles.SAME_TEXT);

        assertThat(byTitle).filteredOn(SamePairs::merge).hasSizeGreaterThanOrEqualTo(5);
        assertThat(byTitle).filteredOn(p -> !p.merge()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(lowestCopy).isGreaterThanOrEqualTo(Shingles.SAME_TEXT + MARGIN);
        assertThat(highestOther).isLessThanOrEqualTo(Shingles.SAME_TEXT - MARGIN);
    }

    @Test
    void noWordsIsNoEvidenceAndShortTextsMustBeTheSameWords() {
        assertThat(Shingles.similarity("", "")).isZero();
        assertThat(Shingles.similarity(null, "Closed Monday")).isZero();
        assertThat(Shingles.similarity("Closed Monday!", "closed   monday")).isEqualTo(1.0);
        assertThat(Shingles.similarity("Join us for storytime at the library.", "Join us for storytime at the park."))
                .isZero();
    }
}
