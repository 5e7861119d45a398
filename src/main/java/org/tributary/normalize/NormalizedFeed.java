package org.tributary.normalize;

import java.util.List;
import java.util.Set;

/**
 * The items of one fetch, deduplicated by identity, and the categories no rule of the source mapped (so an editor can
 * add a rule).
 */
public record NormalizedFeed(List<Item> items, Set<String> unmappedCategories) {
    public NormalizedFeed {
        items = List.copyOf(items);
        unmappedCategories = Set.copyOf(unmappedCategories);
    }
}
