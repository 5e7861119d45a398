package org.tributary.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A schema.org Event in an entry's own HTML (summary or content, before sanitizing removes scripts and attributes):
 * JSON-LD ({@code <script type="application/ld+json">}, an object, an array or an {@code @graph}) or microdata
 * ({@code itemscope itemtype="https://schema.org/Event"} or any of its subtypes, {@code itemprop="startDate"}). Only
 * HTML that names schema.org is parsed at all, so ordinary entries cost one substring search.
 */
final class SchemaOrgEvent {

    /** Larger JSON-LD blocks are not read (a real Event is a few hundred bytes). */
    private static final int MAX_JSON_CHARS = 100_000;
    private static final int MAX_DEPTH = 20;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH * 2)
                .maxStringLength(MAX_JSON_CHARS).build());
    }

    private SchemaOrgEvent() {}

    /** The first Event in these HTML fragments (any may be null), or null. */
    static ParsedEvent find(String... htmls) {
        for (String html : htmls) {
            if (html == null || !html.contains("schema.org")) continue;
            Document doc = Jsoup.parseBodyFragment(html);
            for (Element script : doc.select("script[type=application/ld+json]")) {
                String json = script.data();
                if (json.length() > MAX_JSON_CHARS) continue;
                try {
                    ParsedEvent event = fromJson(JSON.readTree(json), 0);
                    if (event != null) return event;
                } catch (JsonProcessingException | RuntimeException notJson) {
                    // a broken block is not an event; the entry keeps its other fields
                }
            }
            for (Element scope : doc.select("[itemscope][itemtype]")) {
                if (isEventType(last(scope.attr("itemtype")))) {
                    ParsedEvent event = fromMicrodata(scope);
                    if (event != null) return event;
                }
            }
        }
        return null;
    }

    private static ParsedEvent fromJson(JsonNode node, int depth) {
        if (node == null || depth > MAX_DEPTH) return null;
        if (node.isArray()) {
            for (JsonNode n : node) {
                ParsedEvent e = fromJson(n, depth + 1);
                if (e != null) return e;
            }
            return null;
        }
        if (!node.isObject()) return null;
        if (node.has("@graph")) {
            ParsedEvent e = fromJson(node.get("@graph"), depth + 1);
            if (e != null) return e;
        }
        if (!types(node.get("@type")).stream().anyMatch(SchemaOrgEvent::isEventType)) return null;
        String start = text(node.get("startDate"));
        if (start == null) return null;
        String end = text(node.get("endDate"));
        String location = location(node.get("location"), depth);
        if (location == null && text(node.get("eventAttendanceMode")) != null
                && text(node.get("eventAttendanceMode")).contains("Online")) {
            location = "Online";
        }
        String status = text(node.get("eventStatus"));
        String registration = text(node.get("url"));
        JsonNode offers = node.get("offers");
        if (offers != null && offers.isArray() && !offers.isEmpty()) offers = offers.get(0);
        if (offers != null && text(offers.get("url")) != null) registration = text(offers.get("url"));
        List<String> types = types(node.get("@type"));
        String type = types.isEmpty() || types.get(0).equals("Event") ? null : split(types.get(0));
        return new ParsedEvent(start, end, isDay(start), null, location, name(node.get("organizer")), type,
                status != null && status.contains("Cancelled") ? "cancelled" : null, registration, "schema.org");
    }

    private static String location(JsonNode loc, int depth) {
        if (loc == null) return null;
        if (loc.isArray()) return loc.isEmpty() ? null : location(loc.get(0), depth + 1);
        if (loc.isTextual()) return blankToNull(loc.asText());
        if (!loc.isObject()) return null;
        if (types(loc.get("@type")).contains("VirtualLocation")) return "Online";
        String name = text(loc.get("name"));
        JsonNode address = loc.get("address");
        String addressText = address == null ? null : address.isTextual() ? blankToNull(address.asText())
                : joined(address, "streetAddress", "addressLocality");
        if (name != null && addressText != null && !addressText.contains(name)) return name + ", " + addressText;
        return name != null ? name : addressText;
    }

    private static String joined(JsonNode o, String... fields) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            String t = text(o.get(f));
            if (t != null) parts.add(t);
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String name(JsonNode who) {
        if (who == null) return null;
        if (who.isArray()) return who.isEmpty() ? null : name(who.get(0));
        if (who.isTextual()) return blankToNull(who.asText());
        return text(who.get("name"));
    }

    private static ParsedEvent fromMicrodata(Element scope) {
        String start = prop(scope, "startDate");
        if (start == null) return null;
        String location = null;
        Element place = first(scope, "location");
        if (place != null) {
            Element name = place.hasAttr("itemscope") ? first(place, "name") : null;
            location = blankToNull(name != null ? value(name) : value(place));
        }
        String status = prop(scope, "eventStatus");
        String organizer = null;
        Element who = first(scope, "organizer");
        if (who != null) {
            Element name = who.hasAttr("itemscope") ? first(who, "name") : null;
            organizer = blankToNull(name != null ? value(name) : value(who));
        }
        String type = last(scope.attr("itemtype"));
        return new ParsedEvent(start, prop(scope, "endDate"), isDay(start), null, location, organizer,
                type.equals("Event") ? null : split(type),
                status != null && status.contains("Cancelled") ? "cancelled" : null, prop(scope, "url"), "schema.org");
    }

    /** The first element with this itemprop that belongs to this scope (not to a nested item). */
    private static Element first(Element scope, String name) {
        for (Element e : scope.select("[itemprop]")) {
            if (e == scope) continue;
            if (!List.of(e.attr("itemprop").split("\\s+")).contains(name)) continue;
            Element owner = e.parent();
            while (owner != null && owner != scope && !owner.hasAttr("itemscope")) owner = owner.parent();
            if (owner == scope) return e;
        }
        return null;
    }

    private static String prop(Element scope, String name) {
        Element e = first(scope, name);
        return e == null ? null : blankToNull(value(e));
    }

    /** A microdata value: content, datetime, href or src, else the text. */
    private static String value(Element e) {
        for (String attr : new String[] {"content", "datetime", "href", "src"}) {
            if (e.hasAttr(attr)) return e.attr(attr);
        }
        return e.text();
    }

    private static List<String> types(JsonNode type) {
        List<String> out = new ArrayList<>();
        if (type == null) return out;
        if (type.isTextual()) out.add(last(type.asText()));
        else if (type.isArray()) for (JsonNode t : type) if (t.isTextual()) out.add(last(t.asText()));
        return out;
    }

    /** Event and its subtypes (EducationEvent, SocialEvent, ...): every one ends in "Event". */
    private static boolean isEventType(String type) {
        return type.endsWith("Event") && !type.equals("PublicationEvent");
    }

    private static String last(String iri) {
        String t = iri.strip();
        int cut = Math.max(t.lastIndexOf('/'), t.lastIndexOf('#'));
        return cut >= 0 ? t.substring(cut + 1) : t;
    }

    /** "EducationEvent" → "Education event". */
    private static String split(String type) {
        String words = type.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
        return words.isEmpty() ? null : words.charAt(0) + words.substring(1).toLowerCase(Locale.ROOT);
    }

    private static boolean isDay(String start) {
        return start.strip().matches("\\d{4}-\\d{2}-\\d{2}");
    }

    private static String text(JsonNode n) {
        if (n == null) return null;
        if (n.isTextual() || n.isNumber()) return blankToNull(n.asText());
        if (n.isObject() && n.has("@id")) return text(n.get("@id"));
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
