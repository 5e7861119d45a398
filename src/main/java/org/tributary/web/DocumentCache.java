package org.tributary.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendered documents by request key, each valid for one store version. A bounded LRU, by count and by bytes: a
 * crawler (or an attacker) walking every combination of filters, limits and cursors cannot grow it past either bound,
 * and a 500-item page weighs megabytes, so a count alone would let a few hundred requests fill the direct memory
 * that every later render needs.
 *
 * <p>It also keeps Last-Modified true to the bytes: a document rendered again with the same bytes (another source
 * changed, say) stays the document it was, Last-Modified included; one whose bytes changed is modified at least a
 * second after the one it replaces, so a client that sends only If-Modified-Since never gets a 304 for old bytes.
 */
final class DocumentCache {

    /** A quarter of the heap's cap (which is also direct memory's by default), and never more than 256 MB. */
    static final long DEFAULT_MAX_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    static final int DEFAULT_MAX_DOCUMENTS = 1024;

    private record Entry(long version, Rendered document, Instant expires) {
        boolean validAt(long v, Instant now) {
            return version == v && (expires == null || now == null || !now.isAfter(expires));
        }
    }

    /**
     * A rendered document and the last instant it is true without any write (null: for ever).
     *
     * @param keep false for a document that is answered but not kept (a page no link of ours leads to)
     */
    record Expiring(Rendered document, Instant expires, boolean keep) {
        Expiring(Rendered document, Instant expires) {
            this(document, expires, true);
        }
    }

    private final int maxDocuments;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    DocumentCache(int maxDocuments) {
        this(maxDocuments, Long.MAX_VALUE);
    }

    DocumentCache(int maxDocuments, long maxBytes) {
        if (maxDocuments < 1 || maxBytes < 1) throw new IllegalArgumentException("cache bounds must be positive");
        this.maxDocuments = maxDocuments;
        this.maxBytes = maxBytes;
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
            if (!fresh.keep()) return document;
            put(key, new Entry(version, document, fresh.expires()));
            return document;
        }
    }

    /** Puts the entry and evicts the least recently used until both bounds hold; a document over the byte bound alone is not kept. */
    private void put(String key, Entry entry) {
        Entry replaced = entries.remove(key);
        if (replaced != null) bytes -= replaced.document.bytes();
        long size = entry.document.bytes();
        if (size > maxBytes) return;
        entries.put(key, entry);
        bytes += size;
        Iterator<Entry> eldest = entries.values().iterator();
        while ((entries.size() > maxDocuments || bytes > maxBytes) && eldest.hasNext()) {
            Entry e = eldest.next();
            if (e == entry) continue;
            bytes -= e.document.bytes();
            eldest.remove();
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

    /** The document last kept for key, whatever its version: better than an error when a render cannot be done. */
    Rendered stale(String key) {
        synchronized (entries) {
            Entry e = entries.get(key);
            return e == null ? null : e.document;
        }
    }

    /**
     * Drops every document but the one for key (when memory ran out, the others are what can be given back; that
     * one is what the failed request can still be answered with).
     */
    void shed(String key) {
        synchronized (entries) {
            Entry kept = entries.get(key);
            entries.clear();
            bytes = 0;
            if (kept != null) {
                entries.put(key, kept);
                bytes = kept.document.bytes();
            }
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The bytes the kept documents hold (body and gzipped body). */
    long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }
}
