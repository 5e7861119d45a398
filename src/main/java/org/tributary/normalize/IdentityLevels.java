package org.tributary.normalize;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.config.ItemOptions;
import org.tributary.parse.ParsedFeed;

/**
 * Which identity level each entry of one document uses, so that no item is lost: an identity key (a guid, a link)
 * that several entries of the document carry for different titles or texts is no item's key, and those entries fall
 * back to the next level (guid → link → content hash). A podcast feed that puts the channel's link on every episode,
 * or a FeedBurner feed that repeats one non-permalink guid, keeps every item; entries with the same key, title and
 * text are one item said twice. The decision depends only on the document, so the same document gives every entry
 * the same public id on every fetch. Each shared key is noted for the source's /status detail.
 */
final class IdentityLevels {

    enum Level { GUID, LINK, HASH }

    /** Notes kept per document: a feed repeating a thousand keys says so in a few lines. */
    private static final int MAX_NOTES = 5;
    private static final int MAX_KEY_CHARS = 120;

    private final Level[] levels;
    private final List<String> notes;

    private IdentityLevels(Level[] levels, List<String> notes) {
        this.levels = levels;
        this.notes = notes;
    }

    static IdentityLevels of(ParsedFeed feed, ItemOptions.IdentityRule rule) {
        List<ParsedFeed.Entry> entries = feed.entries();
        int n = entries.size();
        String[] guids = new String[n];
        String[] links = new String[n];
        String[] what = new String[n];
        for (int i = 0; i < n; i++) {
            ParsedFeed.Entry e = entries.get(i);
            URI base = e.baseUri() != null ? e.baseUri() : feed.baseUri();
            try {
                guids[i] = rule == ItemOptions.IdentityRule.GUID || rule == ItemOptions.IdentityRule.AUTO
                        ? Normalizer.guidOf(e) : null;
                URI link = rule == ItemOptions.IdentityRule.CONTENT ? null : Normalizer.linkOf(e, base);
                links[i] = link == null ? null : link.toString();
            } catch (RuntimeException unreadable) {
                // the entry is dropped and counted when it is normalized
            }
            what[i] = e.title() + "\n" + (e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml());
        }
        List<String> notes = new ArrayList<>();
        Set<String> sharedGuids = shared(guids, what, null);
        note(notes, "guid", sharedGuids, guids, "link or content");
        Set<String> sharedLinks = shared(links, what, i -> guids[i] == null || sharedGuids.contains(guids[i]));
        note(notes, "link", sharedLinks, links, "content");
        Level[] levels = new Level[n];
        for (int i = 0; i < n; i++) {
            if (guids[i] != null && !sharedGuids.contains(guids[i])) levels[i] = Level.GUID;
            else if (links[i] != null && !sharedLinks.contains(links[i])) levels[i] = Level.LINK;
            else levels[i] = Level.HASH;
        }
        return new IdentityLevels(levels, List.copyOf(notes));
    }

    Level level(int entry) {
        return levels[entry];
    }

    List<String> notes() {
        return notes;
    }

    /** The keys several entries (of those that would use them) carry with different titles or texts. */
    private static Set<String> shared(String[] keys, String[] what, java.util.function.IntPredicate uses) {
        Map<String, String> firstWhat = new HashMap<>();
        Set<String> shared = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null || (uses != null && !uses.test(i))) continue;
            String before = firstWhat.putIfAbsent(keys[i], what[i]);
            if (before != null && !before.equals(what[i])) shared.add(keys[i]);
        }
        return shared;
    }

    private static void note(List<String> notes, String kind, Set<String> shared, String[] keys, String instead) {
        if (shared.isEmpty()) return;
        Map<String, Integer> counts = new HashMap<>();
        for (String k : keys) if (k != null && shared.contains(k)) counts.merge(k, 1, Integer::sum);
        for (String key : new java.util.TreeSet<>(shared)) {
            if (notes.size() >= MAX_NOTES) return;
            String shown = key.length() > MAX_KEY_CHARS ? key.substring(0, MAX_KEY_CHARS) + "…" : key;
            notes.add("identity: " + counts.get(key) + " different items share the " + kind + " \"" + shown
                    + "\"; told apart by their " + instead);
        }
    }
}
