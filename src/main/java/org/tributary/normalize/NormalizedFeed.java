package org.tributary.normalize;

import java.util.List;
import java.util.Set;

/**
 * The items of one fetch, deduplicated by identity, the categories no rule of the source mapped (so an editor can
 * add a rule), and how many entries were dropped because reading them failed (one hostile item never breaks a feed).
 */
public record NormalizedFeed(List<Item> items, Set<String> unmappedCategories, int dropped) {
    public NormalizedFeed {
        items = List.copyOf(items);
        unmappedCategories = Set.copyOf(unmappedCategories);
    }

    public NormalizedFeed(List<Item> items, Set<String> unmappedCategories) {
        this(items, unmappedCategories, 0);
    }
}
