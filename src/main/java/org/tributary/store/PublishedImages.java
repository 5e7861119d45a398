package org.tributary.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The image URLs of the items that are published now (not hidden, held, rejected or merged into another source's
 * copy): what the image proxy may fetch, and nothing else.
 */
public final class PublishedImages {

    private final Store store;

    public PublishedImages(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Each distinct image URL once, as stored. */
    public List<String> urls() {
        List<Object> params = new ArrayList<>();
        ItemQuery every = new ItemQuery(Set.of(), Set.of(), Set.of(), 1);
        String sql = "SELECT DISTINCT i.image_url FROM item i " + store.published.publishedWhere(every, params)
                + " AND i.image_url IS NOT NULL";
        return store.published.jdbc.read(c -> {
            List<String> urls = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) urls.add(rs.getString(1));
                }
            }
            return urls;
        });
    }
}
