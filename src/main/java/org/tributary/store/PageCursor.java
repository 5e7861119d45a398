package org.tributary.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in the published order: the sort key (display date, first seen, public id) of one item. The published
 * order is total on this key, so "the items after this key" is the same set however many items arrive above it:
 * a reader paging with cursors sees no gaps and no repeats, where offsets would shift under every new item.
 *
 * <p>Outside the store a cursor is an opaque token (base64url, safe in a query string and in a file name);
 * {@link #decode(String)} refuses anything it did not make.
 */
public record PageCursor(Instant date, Instant firstSeen, String publicId) {

    private static final String VERSION = "1";

    public PageCursor {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(publicId, "publicId");
    }

    /** The cursor that sits exactly at this item. */
    public static PageCursor of(StoredItem item) {
        return new PageCursor(item.date(), item.firstSeen(), item.item().publicId());
    }

    /** The opaque token: base64url of "1 sortSec sortNano seenSec seenNano publicId", without padding. */
    public String encode() {
        String raw = VERSION + ' ' + date.getEpochSecond() + ' ' + date.getNano() + ' '
                + firstSeen.getEpochSecond() + ' ' + firstSeen.getNano() + ' ' + publicId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for; empty when the token is not one of ours (a caller answers 400). */
    public static Optional<PageCursor> decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 400) return Optional.empty();
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] p = raw.split(" ", 6);
            if (p.length != 6 || !p[0].equals(VERSION) || p[5].isEmpty()) return Optional.empty();
            Instant date = Instant.ofEpochSecond(Long.parseLong(p[1]), nanos(p[2]));
            Instant seen = Instant.ofEpochSecond(Long.parseLong(p[3]), nanos(p[4]));
            PageCursor cursor = new PageCursor(date, seen, p[5]);
            // Only the canonical spelling: one page, one URL, one cache entry.
            return cursor.encode().equals(token) ? Optional.of(cursor) : Optional.empty();
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static long nanos(String s) {
        long n = Long.parseLong(s);
        if (n < 0 || n > 999_999_999) throw new IllegalArgumentException("nanos");
        return n;
    }
}
