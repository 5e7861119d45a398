package org.tributary.store;

import java.util.Set;

/**
 * Which published items to read, newest first. An empty set means "any".
 *
 * @param sourceIds the caller resolves "kind=" into source ids: the store knows no config
 */
public record ItemQuery(Set<String> types, Set<String> topics, Set<String> sourceIds, int limit) {

    public static final int MAX_LIMIT = 500;

    public ItemQuery {
        types = Set.copyOf(types);
        topics = Set.copyOf(topics);
        sourceIds = Set.copyOf(sourceIds);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }

    public static ItemQuery newest(int limit) {
        return new ItemQuery(Set.of(), Set.of(), Set.of(), limit);
    }
}
