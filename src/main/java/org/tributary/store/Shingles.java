package org.tributary.store;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much two plain texts say the same thing: the Jaccard similarity of their sets of word pairs (2-shingles) after
 * folding case, accents and punctuation. Word order matters, position does not: a byline added in front or a "Read
 * more" added behind moves the score a little; two different announcements that share the vocabulary of their kind
 * ("join us", "the library", "for all ages") share few pairs. A text of one word is its one word.
 */
final class Shingles {

    /**
     * Two texts at or above this are "nearly the same text". Measured on the table of pairs in the tests
     * (same-story-pairs.tsv): every copy scores 0.73 or more, every different story 0.16 or less (ShinglesTest prints them).
     */
    static final double SAME_TEXT = 0.45;

    /** Fewer word pairs than this is a short text: it counts as the same text only word for word. */
    static final int MIN_PAIRS = 8;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Enough of an excerpt to compare: a body pasted twice into one item does not cost more. */
    private static final int MAX_CHARS = 4_000;

    private Shingles() {}

    /** The text's word pairs; empty for a text without words (no evidence either way). */
    static Set<String> of(String text) {
        Set<String> pairs = new HashSet<>();
        if (text == null || text.isBlank()) return pairs;
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String folded = MARKS.matcher(Normalizer.normalize(cut, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Matcher m = WORD.matcher(folded);
        String previous = null;
        while (m.find()) {
            String word = m.group();
            if (previous != null) pairs.add(previous + ' ' + word);
            previous = word;
        }
        if (pairs.isEmpty() && previous != null) pairs.add(previous);
        return pairs;
    }

    /**
     * |A ∩ B| / |A ∪ B|; 0 when either has no words. Two short texts (fewer than {@link #MIN_PAIRS} pairs) are the
     * same text only when they are the same words: "Join us at the library" and "Join us at the park" share most of
     * their pairs and are two events.
     */
    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        if (a.equals(b)) return 1;
        if (Math.min(a.size(), b.size()) < MIN_PAIRS) return 0;
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int common = 0;
        for (String s : small) if (large.contains(s)) common++;
        return (double) common / (a.size() + b.size() - common);
    }

    static double similarity(String a, String b) {
        return similarity(of(a), of(b));
    }
}
