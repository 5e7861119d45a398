package org.tributary.web;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.tributary.config.Config;
import org.tributary.publish.Publisher;
import org.tributary.publish.Views;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;

/** The shorter ways tests build {@link Documents}; the server has one (see WebServer). */
final class TestDocuments {

    private TestDocuments() {
    }

    /** Documents that look at the store's version on every request: always current. */
    static Documents of(Supplier<Config> config, Store store, ItemPages pages, Publisher publisher) {
        return of(config, store, pages, publisher, InstantSource.system(), Duration.ZERO);
    }

    static Documents of(Supplier<Config> config, Store store, ItemPages pages, Publisher publisher,
                        InstantSource clock, Duration versionTtl) {
        return of(config, store, pages, publisher, clock, versionTtl, () -> { });
    }

    static Documents of(Supplier<Config> config, Store store, ItemPages pages, Publisher publisher,
                        InstantSource clock, Duration versionTtl, Runnable onRender) {
        return of(config, store, pages, publisher, clock, versionTtl, onRender,
                new DocumentCache(DocumentCache.DEFAULT_MAX_DOCUMENTS, DocumentCache.DEFAULT_MAX_BYTES),
                Ticker.system());
    }

    static Documents of(Supplier<Config> config, Store store, ItemPages pages, Publisher publisher,
                        InstantSource clock, Duration versionTtl, Runnable onRender, DocumentCache cache,
                        Ticker ticker) {
        return new Documents(config, store, new Views(publisher, store, clock), clock, versionTtl, onRender, cache,
                ticker);
    }
}
