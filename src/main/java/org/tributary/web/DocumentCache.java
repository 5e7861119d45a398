package org.tributary.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendered documents by request key, each valid for one store version. A bounded LRU: a crawler walking every
 * combination of filters cannot grow it without limit.
 *
 * <p>It also keeps Last-Modified true to the bytes: a document rendered again with the same bytes (another source
 * changed, say) stays the document it was, Last-Modified included; one whose bytes changed is modified at least a
 * second after the one it replaces, so a client that sends only If-Modified-Since never gets a 304 for old bytes.
 */
final class DocumentCache {

    private record Entry(long version, Rendered document, Instant expires) {
        boolean validAt(long v, Instant now) {
            return version == v && (expires == null || now == null || !now.isAfter(expires));
        }
    }

    /** A rendered document and the last instant it is true without any write (null: for ever). */
    record Expiring(Rendered document, Instant expires) {}

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
        return get(key, version, null, () -> new Expiring(render.get(), null));
    }

    /** As {@link #get(String, long, Supplier)}, for documents that also expire at an instant (past events). */
    Rendered get(String key, long version, Instant now, Supplier<Expiring> render) {
        Rendered cached = peek(key, version, now);
        if (cached != null) return cached;
        Expiring fresh = render.get();
        synchronized (entries) {
            Entry old = entries.get(key);
            Rendered document = old == null ? fresh.document() : successor(old.document, fresh.document());
            entries.put(key, new Entry(version, document, fresh.expires()));
            return document;
        }
    }

    private static Rendered successor(Rendered old, Rendered fresh) {
        if (old.etag().equals(fresh.etag()) && old.maxAgeSeconds() == fresh.maxAgeSeconds()) return old;
        Instant after = old.lastModified().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return fresh.lastModified().isBefore(after) ? fresh.withLastModified(after) : fresh;
    }

    /** The cached document for key if it was rendered at this version and is still true at now, else null. */
    Rendered peek(String key, long version, Instant now) {
        synchronized (entries) {
            Entry e = entries.get(key);
            return e != null && e.validAt(version, now) ? e.document : null;
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
