package org.tributary.store;

import static org.tributary.store.Jdbc.getInstant;
import static org.tributary.store.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tributary.normalize.Event;
import org.tributary.normalize.Item;
import org.tributary.normalize.NormalizedFeed;

/** The item table's columns and the {@link Item} they hold, both ways: what is bound on a write, read on a read. */
final class ItemRows {

    private static final String LIST_SEPARATOR = "\n";

    private ItemRows() {}

    /** Binds the twenty-nine columns that come from the item itself; returns the next parameter index. */
    static int bindContent(PreparedStatement ps, Item item) throws SQLException {
        int i = 1;
        ps.setString(i++, item.sourceId());
        ps.setString(i++, item.identity());
        ps.setString(i++, item.guid());
        ps.setString(i++, item.link() == null ? null : item.link().toString());
        ps.setString(i++, item.title());
        ps.setString(i++, item.summaryHtml());
        ps.setString(i++, item.contentHtml());
        ps.setString(i++, item.excerpt());
        ps.setString(i++, item.type());
        ps.setString(i++, joinList(item.categories()));
        ps.setString(i++, joinList(item.authors()));
        ps.setString(i++, item.imageUrl() == null ? null : item.imageUrl().toString());
        setInstant(ps, i++, item.published());
        setInstant(ps, i++, item.updated());
        ps.setString(i++, item.contentHash());
        setInstant(ps, i++, item.eventStart());
        ps.setString(i++, item.imageCredit());
        ps.setString(i++, Duplicates.titleKey(item.title()));
        ps.setString(i++, item.rawHash());
        Event event = item.event();
        setInstant(ps, i++, event == null ? null : event.end());
        ps.setBoolean(i++, event != null && event.allDay());
        ps.setString(i++, event == null || event.zone() == null ? null : event.zone().getId());
        ps.setString(i++, event == null ? null : event.location());
        ps.setString(i++, event == null ? null : event.organizer());
        ps.setString(i++, event == null ? null : event.type());
        ps.setBoolean(i++, event != null && event.cancelled());
        ps.setString(i++, event == null || event.registration() == null ? null : event.registration().toString());
        ps.setString(i++, item.language());
        ps.setString(i++, item.imageAlt());
        return i;
    }

    /** Rows are read without topics first; one more query fills them in for the whole page. */
    static StoredItem readItemRow(ResultSet rs) throws SQLException {
        Item item = new Item(
                rs.getString("public_id"),
                rs.getString("source_id"),
                rs.getString("identity"),
                rs.getString("guid"),
                uri(rs.getString("link")),
                rs.getString("title"),
                rs.getString("summary_html"),
                rs.getString("content_html"),
                rs.getString("excerpt"),
                rs.getString("item_type"),
                List.of(),
                splitList(rs.getString("categories")),
                splitList(rs.getString("authors")),
                uri(rs.getString("image_url")),
                getInstant(rs, "published_at"),
                getInstant(rs, "source_updated_at"),
                rs.getString("content_hash"),
                null,
                rs.getString("image_credit"),
                null,
                event(rs),
                rs.getString("image_alt"),
                rs.getString("language"));
        return new StoredItem(item, getInstant(rs, "sort_date"), getInstant(rs, "first_seen_at"),
                getInstant(rs, "changed_at"), List.of(), rs.getInt("revision"));
    }

    /** The row's event, or null when it announces none. */
    private static Event event(ResultSet rs) throws SQLException {
        Instant start = getInstant(rs, "event_start_at");
        if (start == null) return null;
        String zone = rs.getString("event_zone");
        ZoneId zoneId = null;
        try {
            zoneId = zone == null ? null : ZoneId.of(zone);
        } catch (java.time.DateTimeException gone) {
            // a zone this runtime no longer knows: the event keeps its instants
        }
        return new Event(start, getInstant(rs, "event_end_at"), rs.getBoolean("event_all_day"), zoneId,
                rs.getString("event_location"), rs.getString("event_organizer"), rs.getString("event_type"),
                rs.getBoolean("event_cancelled"), uri(rs.getString("event_registration")));
    }

    private static String joinList(List<String> values) {
        return String.join(LIST_SEPARATOR, values.stream().map(v -> v.replace('\n', ' ')).toList());
    }

    private static List<String> splitList(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
