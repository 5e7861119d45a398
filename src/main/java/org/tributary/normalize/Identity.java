package org.tributary.normalize;

import java.net.URI;
import java.time.Instant;
import org.tributary.config.ItemOptions;

/**
 * Which item of a source this is, across fetches: the guid; else the absolute link; else a hash of what a reader sees
 * of it. The public id is derived from (source id, identity) alone, so it never changes once published.
 */
final class Identity {

    static final int PUBLIC_ID_CHARS = 20;
    private static final int HASH_CHARS = 32;

    private Identity() {}

    /** {@code text} should be the document's own summary or content, not our sanitized form, to survive our upgrades. */
    static String of(String guid, URI link, String title, Instant date, String text) {
        return of(ItemOptions.IdentityRule.AUTO, guid, link, title, date, text);
    }

    /**
     * By the source's rule: AUTO and GUID take the guid, else the link, else the hash; LINK skips the guid (for
     * partners whose guids change on every fetch); CONTENT hashes title and text only (Koha-style news with neither
     * guid nor link, where a date may be regenerated on every fetch too).
     */
    static String of(ItemOptions.IdentityRule rule, String guid, URI link, String title, Instant date, String text) {
        if (rule == ItemOptions.IdentityRule.CONTENT) return hash(title, null, text);
        if (rule != ItemOptions.IdentityRule.LINK && guid != null && !guid.isBlank()) {
            String g = guid.strip();
            // a guid too long for the identity column is identified by its hash: stable, and it fits
            return g.length() > FieldLimits.GUID ? "guid-sha256:" + Hashes.hex(Hashes.sha256(g)) : "guid:" + g;
        }
        if (link != null) return "link:" + link;
        return hash(title, date, text);
    }

    private static String hash(String title, Instant date, String text) {
        String material = nullToEmpty(title) + "\n" + (date == null ? "" : date.toString()) + "\n" + nullToEmpty(text);
        return "hash:" + Hashes.hex(Hashes.sha256(material)).substring(0, HASH_CHARS);
    }

    /** 20 base32 chars = 100 bits: collisions are out of reach for any number of items we will ever hold. */
    static String publicId(String sourceId, String identity) {
        return Hashes.base32(Hashes.sha256(sourceId + "\n" + identity)).substring(0, PUBLIC_ID_CHARS);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
