package org.tributary.normalize;

/**
 * What a rule's regex is searched in, with a bound on the work: a feed is untrusted input and an editor's regex can
 * backtrack exponentially ({@code (a+)+$} on a long run of a's), so every character the regex engine reads is
 * counted, and past {@link #budgetFor a budget} the search fails with {@link TooCostly}. The normalizer then treats
 * the entry like any other it cannot read: left out and counted, never a stuck fetch. The text itself is capped at
 * {@link #MAX_CHARS}.
 */
final class RuleText implements CharSequence {

    /** The most text a rule searches: the title and the start of the plain text, enough for any real rule. */
    static final int MAX_CHARS = 20_000;
    /** Reads per character of text allowed to one search, beyond a floor: linear scans never come near it. */
    static final long READS_PER_CHAR = 200;
    static final long MIN_READS = 1_000_000;

    /** A search that read far more than any linear one could. */
    static final class TooCostly extends RuntimeException {
        TooCostly(long reads) {
            super("a rule's regex read the item's text " + reads + " times over its budget; the item is left out");
        }
    }

    private final String text;
    private final int start;
    private final int end;
    private final long[] reads;
    private final long budget;

    private RuleText(String text, int start, int end, long[] reads, long budget) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.reads = reads;
        this.budget = budget;
    }

    /** A fresh budget for one search of {@code text} (cut to {@link #MAX_CHARS}). */
    static RuleText of(String text) {
        String capped = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
        return new RuleText(capped, 0, capped.length(), new long[1], budgetFor(capped.length()));
    }

    static long budgetFor(int length) {
        return MIN_READS + READS_PER_CHAR * length;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > budget) throw new TooCostly(reads[0]);
        return text.charAt(start + index);
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        if (from < 0 || to > length() || from > to) throw new IndexOutOfBoundsException(from + ".." + to);
        return new RuleText(text, start + from, start + to, reads, budget);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
