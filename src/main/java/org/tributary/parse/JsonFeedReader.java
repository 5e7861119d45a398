package org.tributary.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON Feed 1.0 and 1.1 (jsonfeed.org) into the same {@link ParsedFeed} records as RSS and Atom, so the same
 * normalize path and limits apply. Text fields are text in JSON Feed and HTML-ish in our records: they are escaped
 * here, so a title "a <b> c" stays those characters. An item that is not readable (not an object, a field of the
 * wrong kind, no id, url or content at all) is skipped with a warning; the rest of the feed goes on.
 *
 * <p>Nesting and string length are bounded before anything is built: a JSON Feed nests four levels, and the body is
 * already cut to fetch.max_bytes.
 */
final class JsonFeedReader {

    private static final Logger log = LoggerFactory.getLogger(JsonFeedReader.class);

    static final int MAX_DEPTH = 64;
    static final int MAX_STRING_CHARS = 20_000_000;
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"https?://jsonfeed\\.org/version/");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING_CHARS).maxNumberLength(100).build())
            .build());

    private JsonFeedReader() {}

    /**
     * A JSON Feed, or JSON at all where a feed was fetched: JSON Feed's media types, or a document that starts with
     * "{" and names a jsonfeed.org version near its start.
     */
    static boolean isJson(String text, int start, String contentType) {
        if (start >= text.length() || text.charAt(start) != '{') return false;
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("application/feed+json") || type.contains("application/json")) return true;
        return VERSION.matcher(text.substring(start, Math.min(text.length(), start + 4096))).find();
    }

    static ParsedFeed read(String text, URI base) throws FeedParseException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException | StackOverflowError e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : "nested too deeply";
            throw new FeedParseException(ParseFailures.oneLine("not a feed: unreadable JSON: " + why));
        }
        if (root == null || !root.isObject()) throw new FeedParseException("not a feed: JSON that is not an object");
        String version = root.path("version").isTextual() ? root.get("version").asText() : "";
        String format;
        if (version.matches("https?://jsonfeed\\.org/version/1")) format = "json_1.0";
        else if (version.matches("https?://jsonfeed\\.org/version/1\\.1")) format = "json_1.1";
        else throw new FeedParseException("not a feed: JSON without a JSON Feed version (\"version\": "
                + ParseFailures.oneLine(version.isEmpty() ? "none" : version) + ")");
        JsonNode items = root.path("items");
        if (!items.isArray()) throw new FeedParseException("not a feed: JSON Feed without an items list");
        List<String> feedAuthors = authorsOrEmpty(root);
        String language = language(root);
        List<ParsedFeed.Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                entries.add(entry(items.get(i), base, feedAuthors, language));
            } catch (IllegalArgumentException e) {
                log.warn("parse: JSON Feed items[{}] skipped: {}", i, e.getMessage());
            }
        }
        return new ParsedFeed(format, feedTitle(root), link(root, "home_page_url", base), base, entries);
    }

    /** The feed's own title, as text (as Rome gives a channel title); one of the wrong kind is ignored. */
    private static String feedTitle(JsonNode root) {
        try {
            return text(root, "title");
        } catch (IllegalArgumentException e) {
            log.warn("parse: JSON Feed title ignored: {}", e.getMessage());
            return null;
        }
    }

    /** JSON Feed 1.1's top-level {@code language}: the language of every item (the spec has none per item). */
    private static String language(JsonNode root) {
        try {
            return text(root, "language");
        } catch (IllegalArgumentException e) {
            log.warn("parse: JSON Feed language ignored: {}", e.getMessage());
            return null;
        }
    }

    private static ParsedFeed.Entry entry(JsonNode item, URI base, List<String> feedAuthors, String language) {
        if (!item.isObject()) throw new IllegalArgumentException("not an object");
        String id = id(item);
        String url = text(item, "url");
        if (url == null) url = text(item, "external_url");
        String contentHtml = text(item, "content_html");
        String contentText = text(item, "content_text");
        String summary = text(item, "summary");
        if (id == null && url == null && contentHtml == null && contentText == null) {
            throw new IllegalArgumentException("no id, url or content");
        }
        String content = contentHtml != null ? contentHtml : paragraphs(contentText);
        String published = text(item, "date_published");
        String modified = text(item, "date_modified");
        List<String> authors = authors(item);
        String image = text(item, "image");
        if (image == null) image = text(item, "banner_image");
        if (image == null) image = imageAttachment(item);
        return new ParsedFeed.Entry(id, url, escaped(text(item, "title")), summary == null ? null : escaped(summary),
                content, authors.isEmpty() ? feedAuthors : authors, tags(item), instant(published), instant(modified),
                image, base, null, null, published, modified, null, null, null, null, language);
    }

    /** The id is a string by the spec; many generators write a number. */
    private static String id(JsonNode item) {
        JsonNode id = item.get("id");
        if (id == null || id.isNull()) return null;
        if (id.isTextual() || id.isIntegralNumber()) return id.asText();
        throw new IllegalArgumentException("id is " + kind(id) + ", not a string");
    }

    /** 1.1's {@code authors} list, else 1.0's single {@code author}; names only (what RSS and Atom give too). */
    private static List<String> authors(JsonNode node) {
        List<String> names = new ArrayList<>();
        JsonNode list = node.get("authors");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) throw new IllegalArgumentException("authors is " + kind(list) + ", not a list");
            for (JsonNode author : list) addAuthor(author, names);
        } else {
            JsonNode author = node.get("author");
            if (author != null && !author.isNull()) addAuthor(author, names);
        }
        return names;
    }

    private static List<String> authorsOrEmpty(JsonNode root) {
        try {
            return authors(root);
        } catch (IllegalArgumentException e) {
            log.warn("parse: JSON Feed authors ignored: {}", e.getMessage());
            return List.of();
        }
    }

    private static void addAuthor(JsonNode author, List<String> names) {
        if (!author.isObject()) throw new IllegalArgumentException("an author is " + kind(author) + ", not an object");
        String name = text(author, "name");
        if (name != null && !name.isBlank()) names.add(escaped(name));
    }

    private static List<String> tags(JsonNode item) {
        JsonNode tags = item.get("tags");
        if (tags == null || tags.isNull()) return List.of();
        if (!tags.isArray()) throw new IllegalArgumentException("tags is " + kind(tags) + ", not a list");
        List<String> out = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) throw new IllegalArgumentException("a tag is " + kind(tag) + ", not a string");
            out.add(escaped(tag.asText()));
        }
        return out;
    }

    /** The first attachment whose mime_type is an image (a podcast's cover art, a photo post). */
    private static String imageAttachment(JsonNode item) {
        JsonNode attachments = item.get("attachments");
        if (attachments == null || attachments.isNull()) return null;
        if (!attachments.isArray()) {
            throw new IllegalArgumentException("attachments is " + kind(attachments) + ", not a list");
        }
        for (JsonNode a : attachments) {
            if (!a.isObject()) throw new IllegalArgumentException("an attachment is " + kind(a) + ", not an object");
            String type = text(a, "mime_type");
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("image/")) return text(a, "url");
        }
        return null;
    }

    /** A string field, null when absent or null; any other kind makes the item unreadable. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw new IllegalArgumentException(field + " is " + kind(value) + ", not a string");
        return value.asText();
    }

    private static URI link(JsonNode root, String field, URI base) {
        String text;
        try {
            text = text(root, field);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return text == null ? null : RomeMapper.resolve(base, text);
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null) return null;
        try {
            return OffsetDateTime.parse(rfc3339.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // normalize reads the raw text by its own, more forgiving rules
        }
    }

    /** content_text as HTML: escaped, blank lines become paragraphs and single line breaks stay breaks. */
    private static String paragraphs(String text) {
        if (text == null) return null;
        StringBuilder b = new StringBuilder();
        for (String para : text.strip().split("\\R\\s*\\R")) {
            b.append("<p>").append(escaped(para.strip()).replaceAll("\\R", "<br>")).append("</p>");
        }
        return b.toString();
    }

    private static String escaped(String text) {
        if (text == null) return null;
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) return "an object";
        if (node.isArray()) return "a list";
        if (node.isNumber()) return "a number";
        if (node.isBoolean()) return "a boolean";
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
