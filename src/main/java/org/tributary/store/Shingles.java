package org.tributary.store;

import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much two plain texts say the same thing: the Jaccard similarity of their sets of word pairs (2-shingles) after
 * folding case, accents and punctuation. Word order matters, position does not: a byline added in front or a "Read
 * more" added behind moves the score a little; two different announcements that share the vocabulary of their kind
 * ("join us", "the library", "for all ages") share few pairs. A text of one word is its one word.
 *
 * <p>A text's pairs are kept as its <em>print</em>: each pair hashed to 64 bits, sorted, distinct. The print is made
 * once, when an item is stored (item.text_print), so that comparing a new item with the stored ones of its title is a
 * merge of two short arrays of numbers, not a folding and splitting of every candidate's text on every fetch. Two
 * different pairs meet on one hash with a chance of about one in 10^17 per pair of pairs: the scores are those of the
 * pairs themselves.
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
    private static final long[] NONE = {};

    private Shingles() {}

    /** The text's print: its word pairs' hashes, sorted and distinct; empty for a text without words. */
    static long[] of(String text) {
        if (text == null || text.isBlank()) return NONE;
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String folded = MARKS.matcher(Normalizer.normalize(cut, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Matcher m = WORD.matcher(folded);
        long[] pairs = new long[16];
        int n = 0;
        String previous = null;
        while (m.find()) {
            String word = m.group();
            if (previous != null) {
                if (n == pairs.length) pairs = Arrays.copyOf(pairs, n * 2);
                pairs[n++] = hash(previous + ' ' + word);
            }
            previous = word;
        }
        if (n == 0) return previous == null ? NONE : new long[] {hash(previous)};
        Arrays.sort(pairs, 0, n);
        int distinct = 1;
        for (int i = 1; i < n; i++) if (pairs[i] != pairs[distinct - 1]) pairs[distinct++] = pairs[i];
        return Arrays.copyOf(pairs, distinct);
    }

    /**
     * |A ∩ B| / |A ∪ B|; 0 when either has no words. Two short texts (fewer than {@link #MIN_PAIRS} pairs) are the
     * same text only when they are the same words: "Join us at the library" and "Join us at the park" share most of
     * their pairs and are two events.
     */
    static double similarity(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) return 0;
        if (Arrays.equals(a, b)) return 1;
        if (Math.min(a.length, b.length) < MIN_PAIRS) return 0;
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    static double similarity(String a, String b) {
        return similarity(of(a), of(b));
    }

    /** The print as stored: eight bytes a pair, big-endian. */
    static byte[] bytes(long[] print) {
        ByteBuffer buffer = ByteBuffer.allocate(print.length * Long.BYTES);
        for (long pair : print) buffer.putLong(pair);
        return buffer.array();
    }

    static long[] fromBytes(byte[] bytes) {
        long[] print = new long[bytes.length / Long.BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int i = 0; i < print.length; i++) print[i] = buffer.getLong();
        return print;
    }

    /**
     * 64-bit FNV-1a over the pair's UTF-16 units, then MurmurHash3's finalizer to spread the bits: fixed by this code,
     * so prints stored by one release compare with those of the next (String.hashCode has only 32 bits).
     */
    private static long hash(String pair) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < pair.length(); i++) {
            h ^= pair.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e185ec53bL;
        h ^= h >>> 33;
        return h;
    }
}
