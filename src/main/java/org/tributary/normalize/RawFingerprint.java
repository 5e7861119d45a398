package org.tributary.normalize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.tributary.config.ItemOptions;
import org.tributary.config.Rule;
import org.tributary.config.Source;
import org.tributary.parse.ParsedFeed;

/**
 * A fingerprint of everything {@link Normalizer} reads to make one item: the entry's raw fields as parsed, the base
 * its URLs resolve against, the source's id, type, topics, rules and item options, the excerpt length and the
 * version of the rules themselves. Normalizing is pure, so an entry whose fingerprint equals the one stored with an
 * item would normalize to that same item again: the refresher skips it (most entries of most fetches are unchanged,
 * and normalizing costs about twice Rome's parse; bench/ingest).
 *
 * <p>Fields are separated by characters that cannot occur in them ({@link #FIELD}, {@link #ELEMENT}, and a null
 * marker), so different entries cannot run together into the same text.
 */
final class RawFingerprint {

    /**
     * Bump when a change to parse or normalize makes the same entry come out differently: every stored entry is
     * then normalized once more on its next fetch. A packaged release adds its own version on top (see {@link #RULES}).
     */
    static final int RULES_VERSION = 3;
    private static final String RULES = RULES_VERSION + "/"
            + String.valueOf(RawFingerprint.class.getPackage().getImplementationVersion());

    private static final byte FIELD = 0;
    private static final byte ELEMENT = 1;
    private static final byte NULL = 2;

    /** Hex characters of a document fingerprint that stand for the source part (see {@link #ofDocument}). */
    static final int RULES_TAG_CHARS = 16;

    private final byte[] sourcePart;

    /** What the source and the normalizer contribute: the same for every entry of one fetch. */
    RawFingerprint(Source source, int excerptChars) {
        StringBuilder b = new StringBuilder(256).append(RULES).append('\u0000').append(excerptChars).append('\u0000')
                .append(source.id()).append('\u0000').append(source.type()).append('\u0000')
                .append(String.join("\u0001", source.topics())).append('\u0000');
        for (Rule rule : source.rules()) {
            b.append(rule.category()).append('\u0001').append(pattern(rule.title())).append('\u0001')
                    .append(pattern(rule.link())).append('\u0001').append(pattern(rule.text())).append('\u0001')
                    .append(rule.action()).append('\u0001').append(rule.type()).append('\u0001')
                    .append(String.join("\u0003", rule.topics())).append('\u0002');
        }
        ItemOptions options = source.itemOptions();
        b.append('\u0000').append(options.identity()).append('\u0000').append(options.timezone()).append('\u0000')
                .append(options.allowOldDates());
        this.sourcePart = b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String pattern(java.util.regex.Pattern p) {
        return p == null ? "" : p.flags() + "/" + p.pattern();
    }

    /** Hex SHA-256 of the source part and every raw field of the entry, resolved against {@code base}. */
    String of(ParsedFeed.Entry e, URI base) {
        MessageDigest d = sha256();
        d.update(sourcePart);
        d.update(FIELD);
        for (Object field : new Object[] {e.guid(), e.link(), e.title(), e.summaryHtml(), e.contentHtml(),
                e.published(), e.updated(), e.imageUrl(), base, e.summaryBase(), e.contentBase(), e.publishedText(),
                e.updatedText(), e.eventStartText(), e.imageCredit(), e.imageAlt(), e.language()}) {
            if (field == null) d.update(NULL);
            else d.update(field.toString().getBytes(StandardCharsets.UTF_8));
            d.update(FIELD);
        }
        if (e.event() == null) d.update(NULL);
        else for (Object field : e.event().fields()) {
            if (field == null) d.update(NULL);
            else d.update(field.toString().getBytes(StandardCharsets.UTF_8));
            d.update(ELEMENT);
        }
        d.update(FIELD);
        for (List<String> list : List.of(e.authors(), e.categories())) {
            for (String s : list) {
                if (s == null) d.update(NULL);
                else d.update(s.getBytes(StandardCharsets.UTF_8));
                d.update(ELEMENT);
            }
            d.update(FIELD);
        }
        return Hashes.hex(d.digest());
    }

    /**
     * 64 hex characters: {@link #rulesTag()}, then SHA-256 of the source part and a whole document as it was served
     * (bytes, media type, the URL it came from, its Content-Location): parsing and normalizing are pure, so the same
     * again would store exactly the same. The tag up front tells, before the next request, whether the rules it was
     * stored under still hold (see {@link Normalizer#storedUnderSameRules}).
     */
    String ofDocument(byte[] body, String contentType, URI url, URI contentLocation) {
        MessageDigest d = sha256();
        d.update(sourcePart);
        d.update(FIELD);
        for (Object field : new Object[] {contentType, url, contentLocation}) {
            if (field == null) d.update(NULL);
            else d.update(field.toString().getBytes(StandardCharsets.UTF_8));
            d.update(FIELD);
        }
        d.update(body);
        return rulesTag() + Hashes.hex(d.digest()).substring(0, 64 - RULES_TAG_CHARS);
    }

    /** What the source and the normalizer contribute, as a short hex tag. */
    String rulesTag() {
        MessageDigest d = sha256();
        d.update(sourcePart);
        return Hashes.hex(d.digest()).substring(0, RULES_TAG_CHARS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
