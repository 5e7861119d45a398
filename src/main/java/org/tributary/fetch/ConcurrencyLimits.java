package org.tributary.fetch;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Caps fetches in flight per host and in all, so a consortium whose 200 sources live on one CMS host is asked at
 * most a couple of things at a time. The host permit is taken first: a fetch waiting for a busy host does not also
 * sit on one of the overall permits that other hosts' fetches could use.
 */
final class ConcurrencyLimits {

    private final int perHost;
    private final Semaphore total;
    private final ConcurrentMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

    ConcurrencyLimits(int perHost, int maxConcurrent) {
        this.perHost = perHost;
        this.total = new Semaphore(maxConcurrent, true);
    }

    /** Blocks until both permits are free; the returned permit gives both back once. */
    Permit acquire(String host) throws InterruptedException {
        Semaphore forHost = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Semaphore(perHost, true));
        forHost.acquire();
        try {
            total.acquire();
        } catch (InterruptedException e) {
            forHost.release();
            throw e;
        }
        return new Permit(forHost);
    }

    final class Permit implements AutoCloseable {
        private final Semaphore forHost;
        private boolean released;

        private Permit(Semaphore forHost) {
            this.forHost = forHost;
        }

        @Override
        public void close() {
            if (released) return;
            released = true;
            total.release();
            forHost.release();
        }
    }
}
