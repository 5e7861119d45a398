package org.tributary.testing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.store.FetchedDocument;
import org.tributary.store.ItemPages;
import org.tributary.store.ItemQuery;
import org.tributary.store.SaveResult;
import org.tributary.store.Store;
import org.tributary.store.StoredItem;

/** What tests put into a store and read back, in fewer words than a refresh and a published page take. */
public final class StoredItems {

    private StoredItems() {}

    /** The newest page of published items the query selects: what every published document reads. */
    public static List<StoredItem> of(Store store, ItemQuery query) {
        return new ItemPages(store).newest(query).items();
    }

    /**
     * Items stored as one successful fetch would store them, without a document fingerprint, a health, a retention
     * limit or moderation; the source's row records the url, validators and unmapped categories.
     */
    public static SaveResult saveFetched(Store store, String sourceId, String url, String etag, String lastModified,
                                         List<Item> items, Set<String> unmappedCategories, Instant now) {
        return store.saveFetched(sourceId, new FetchedDocument(url, etag, lastModified, null),
                new NormalizedFeed(items, unmappedCategories), Integer.MAX_VALUE, null, false, null, now);
    }
}
