package org.tributary.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How one source's items are read beyond its type and rules.
 *
 * @param identity       what makes two fetched items the same item (feeds.yml {@code identity:})
 * @param timezone       the zone of dates the source writes without one ({@code timezone:}, default UTC)
 * @param allowOldDates  keep dates before 1990 as written ({@code allow_old_dates:}); by default they are taken for
 *                       placeholders and replaced by the first-seen time
 * @param hidePastEvents leave items whose event start is past out of every output ({@code hide_past_events:})
 * @param keepItems      the newest N items of the source kept in the database ({@code keep_items:}, default 500)
 * @param maxAge         items older than this are purged ({@code max_age:}), null = no limit
 * @param hold           {@code moderation: hold}: items stored for the first time wait, out of every output, until an
 *                       editor approves them (items already published stay published)
 */
public record ItemOptions(IdentityRule identity, ZoneId timezone, boolean allowOldDates, boolean hidePastEvents,
                          int keepItems, Duration maxAge, boolean hold) {

    public static final int DEFAULT_KEEP_ITEMS = 500;
    public static final ItemOptions DEFAULTS =
            new ItemOptions(IdentityRule.AUTO, ZoneOffset.UTC, false, false, DEFAULT_KEEP_ITEMS, null, false);

    public ItemOptions {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(timezone, "timezone");
        if (keepItems < 1) throw new IllegalArgumentException("keepItems must be positive");
    }

    /** Options that publish new items at once ({@code moderation: publish}). */
    public ItemOptions(IdentityRule identity, ZoneId timezone, boolean allowOldDates, boolean hidePastEvents,
                       int keepItems, Duration maxAge) {
        this(identity, timezone, allowOldDates, hidePastEvents, keepItems, maxAge, false);
    }

    /**
     * AUTO: the guid, else the link, else a hash of title + date + text. The others are for partners whose guids are
     * broken: LINK uses the link (else the hash), CONTENT always the hash of title and text.
     */
    public enum IdentityRule { AUTO, GUID, LINK, CONTENT }
}
