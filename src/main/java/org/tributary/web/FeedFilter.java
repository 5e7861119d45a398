package org.tributary.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tributary.config.Config;
import org.tributary.config.Source;
import org.tributary.store.ItemPages;
import org.tributary.store.ItemQuery;
import org.tributary.store.PageCursor;

/**
 * The query of a feed or page request (type=, topic=, kind=, source= repeatable; limit=), checked against the
 * config. The canonical query (sorted, encoded) is part of the cache key and of the feed's self link, so
 * "?type=News&limit=5" and "?limit=5&type=News" are one document. A page cursor (before= or after=) is not part of
 * the canonical query: it picks a page of the feed the query defines.
 *
 * @param cursor    the page's cursor, null for the newest page
 * @param direction which way the page runs from the cursor, null for the newest page
 */
record FeedFilter(ItemQuery query, String canonicalQuery, boolean matchesNothing, PageCursor cursor,
                  ItemPages.Direction direction) {

    private static final Set<String> KNOWN = Set.of("type", "topic", "kind", "source", "limit", "before", "after");
    private static final Set<String> PAGING = Set.of("before", "after");
    private static final java.util.regex.Pattern CANONICAL_NUMBER = java.util.regex.Pattern.compile("[1-9][0-9]{0,3}");

    /** A request we refuse, with a reason that does not echo the request back. */
    static final class BadRequest extends Exception {
        BadRequest(String reason) {
            super(reason);
        }
    }

    static FeedFilter parse(Map<String, List<String>> params, Config config, String fixedTopic) throws BadRequest {
        return parse(params, config, fixedTopic, config.site().items(), true);
    }

    /**
     * @param defaultLimit the page size when limit= is absent
     * @param paged        whether before= and after= are accepted (not on /embed, which only shows the newest)
     */
    static FeedFilter parse(Map<String, List<String>> params, Config config, String fixedTopic, int defaultLimit,
                            boolean paged) throws BadRequest {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name) || (!paged && PAGING.contains(name))) {
                throw new BadRequest("unknown query parameter; use type, topic, kind, source, limit"
                        + (paged ? ", before, after" : ""));
            }
        }
        // Values are matched without regard to case ("webinar" is the declared "Webinar") and then spelled as
        // declared, so every spelling is one document in the cache.
        params = declaredSpelling(params, "type", config.types());
        params = declaredSpelling(params, "topic", config.topics().stream().map(org.tributary.config.Topic::id).toList());
        Set<String> types = values(params, "type");
        for (String t : types) if (!config.types().contains(t)) throw new BadRequest("type: not a declared type");
        Set<String> topics = values(params, "topic");
        for (String t : topics) if (config.topic(t).isEmpty()) throw new BadRequest("topic: not a declared topic");
        Set<String> sources = values(params, "source");
        for (String s : sources) if (config.source(s).isEmpty()) throw new BadRequest("source: not a known source id");
        Set<String> kinds = values(params, "kind");
        Set<String> sourceIds = new TreeSet<>(sources);
        if (!kinds.isEmpty()) {
            Set<String> ofKind = new TreeSet<>();
            for (String k : kinds) {
                Source.Kind kind = kind(k);
                config.sources().stream().filter(s -> s.kind() == kind).forEach(s -> ofKind.add(s.id()));
            }
            // kind narrows source= when both are given; no source of that kind means no items, not "any".
            if (sources.isEmpty()) sourceIds = ofKind;
            else sourceIds.retainAll(ofKind);
        }
        int limit = limit(params, defaultLimit);
        Set<String> topicFilter = new TreeSet<>(topics);
        if (fixedTopic != null) topicFilter = Set.of(fixedTopic);
        String canonical = canonical(params, kinds);
        boolean nothing = !kinds.isEmpty() && sourceIds.isEmpty();
        PageCursor before = cursor(params, "before");
        PageCursor after = cursor(params, "after");
        if (before != null && after != null) throw new BadRequest("give before or after, not both");
        PageCursor cursor = before != null ? before : after;
        ItemPages.Direction direction = before != null ? ItemPages.Direction.OLDER
                : after != null ? ItemPages.Direction.NEWER : null;
        return new FeedFilter(new ItemQuery(types, topicFilter, sourceIds, limit), canonical, nothing, cursor,
                direction);
    }

    /** The params with each value of name that matches a declared value, ignoring case, spelled as declared. */
    private static Map<String, List<String>> declaredSpelling(Map<String, List<String>> params, String name,
                                                              List<String> declared) {
        List<String> given = params.get(name);
        if (given == null) return params;
        List<String> spelled = new ArrayList<>();
        for (String v : given) {
            String t = v.trim();
            spelled.add(declared.stream().filter(d -> d.equalsIgnoreCase(t)).findFirst().orElse(v));
        }
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(params);
        out.put(name, spelled);
        return out;
    }

    private static PageCursor cursor(Map<String, List<String>> params, String name) throws BadRequest {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.isEmpty()) return null;
        if (values.size() > 1) throw new BadRequest(name + ": give it once");
        return PageCursor.decode(values.get(0)).orElseThrow(() -> new BadRequest(name + ": not a page cursor"));
    }

    /** The cursor parameter as it appears in this page's own URL ("before=…"), "" for the newest page. */
    String pageParam() {
        if (cursor == null) return "";
        return (direction == ItemPages.Direction.OLDER ? "before=" : "after=") + cursor.encode();
    }

    private static Source.Kind kind(String value) throws BadRequest {
        try {
            return Source.Kind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("kind: use partner or library");
        }
    }

    private static int limit(Map<String, List<String>> params, int fallback) throws BadRequest {
        List<String> values = params.getOrDefault("limit", List.of());
        if (values.isEmpty()) return fallback;
        if (values.size() > 1) throw new BadRequest("limit: give it once");
        // One spelling per number (ASCII digits, no sign, no leading zero): Integer.parseInt also takes "+500",
        // "0500" and other scripts' digits, and every spelling would be another document in the cache.
        String text = values.get(0);
        if (!CANONICAL_NUMBER.matcher(text).matches() || Integer.parseInt(text) > ItemQuery.MAX_LIMIT) {
            throw new BadRequest("limit: a whole number from 1 to " + ItemQuery.MAX_LIMIT
                    + ", in ASCII digits without sign or leading zero");
        }
        return Integer.parseInt(text);
    }

    private static Set<String> values(Map<String, List<String>> params, String name) {
        Set<String> values = new TreeSet<>();
        for (String v : params.getOrDefault(name, List.of())) {
            if (!v.isBlank()) values.add(v.trim());
        }
        return values;
    }

    private static String canonical(Map<String, List<String>> params, Set<String> kinds) {
        List<String> parts = new ArrayList<>();
        for (String name : new TreeSet<>(params.keySet())) {
            if (PAGING.contains(name)) continue;
            Set<String> vs = name.equals("kind") ? lower(kinds) : values(params, name);
            for (String v : vs) parts.add(name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    private static Set<String> lower(Set<String> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return out;
    }
}
