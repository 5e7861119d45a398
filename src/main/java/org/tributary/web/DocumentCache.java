package org.tributary.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendered documents by request key, each valid for one store version. A bounded LRU: a crawler walking every
 * combination of filters cannot grow it without limit.
 */
final class DocumentCache {

    private record Entry(long version, Rendered document) {}

    private final Map<String, Entry> entries;

    DocumentCache(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The cached document for key if it was rendered at this version, else a fresh one. Rendering happens outside
     * the lock; two requests racing on a new version may both render, which is harmless.
     */
    Rendered get(String key, long version, Supplier<Rendered> render) {
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && e.version == version) return e.document;
        }
        Rendered fresh = render.get();
        synchronized (entries) {
            entries.put(key, new Entry(version, fresh));
        }
        return fresh;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
