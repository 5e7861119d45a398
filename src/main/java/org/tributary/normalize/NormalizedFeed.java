package org.tributary.normalize;

import java.util.List;
import java.util.Set;

/**
 * The items of one fetch, deduplicated by identity, the categories no rule of the source mapped (so an editor can
 * add a rule), and how many entries were dropped because reading them failed (one hostile item never breaks a feed).
 *
 * @param unchanged public ids of the stored items whose entries came back exactly as they were normalized last time
 *                  (same raw fingerprint): they were not normalized again, and the store has nothing to write
 * @param ruledOut  public ids of the entries the rules keep out of every output ({@code action: drop}, or no keep
 *                  rule matched): not in {@code items}; the store removes any it still has from an earlier fetch
 */
public record NormalizedFeed(List<Item> items, Set<String> unmappedCategories, int dropped, List<String> unchanged,
                             List<String> ruledOut) {
    public NormalizedFeed {
        items = List.copyOf(items);
        unmappedCategories = Set.copyOf(unmappedCategories);
        unchanged = List.copyOf(unchanged);
        ruledOut = List.copyOf(ruledOut);
    }

    public NormalizedFeed(List<Item> items, Set<String> unmappedCategories, int dropped, List<String> unchanged) {
        this(items, unmappedCategories, dropped, unchanged, List.of());
    }

    public NormalizedFeed(List<Item> items, Set<String> unmappedCategories, int dropped) {
        this(items, unmappedCategories, dropped, List.of());
    }

    public NormalizedFeed(List<Item> items, Set<String> unmappedCategories) {
        this(items, unmappedCategories, 0);
    }
}
