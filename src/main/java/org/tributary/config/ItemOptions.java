package org.tributary.config;

/**
 * How one source's items are read beyond its type and rules: identity, time zone, date policy.
 * Empty for now; the item-correctness work fills it in.
 */
public record ItemOptions() {
    public static final ItemOptions DEFAULTS = new ItemOptions();
}
