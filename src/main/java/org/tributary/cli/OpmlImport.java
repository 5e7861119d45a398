package org.tributary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tributary.config.Config;
import org.tributary.config.ConfigException;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import org.tributary.config.Topic;

/**
 * An OPML subscription list → {@code sources:} entries for feeds.yml that {@code check} accepts as they are. Every
 * outline with an {@code xmlUrl}, at any depth, is a candidate; its id is slugged from its title and made unique
 * against the config and the entries before it; a URL the config (or an earlier outline) already has is skipped.
 * Each entry is validated by the config reader itself before it is printed, so what it refuses (a URL with
 * credentials, say) is reported and left out, never printed for {@code check} to refuse later.
 *
 * <p>The XML is read by a streaming parser that refuses any DOCTYPE: no external entities (XXE), no entity
 * expansion (billion laughs), and no recursion however deep the outlines nest.
 */
final class OpmlImport {

    /** What was printed and what was left out, with why. */
    record Result(List<String> entries, List<String> skipped) {}

    /** The OPML file cannot be read as OPML; the message names the file and, when known, the line. */
    static final class BadOpml extends Exception {
        BadOpml(String message) {
            super(message);
        }
    }

    /** One outline with a feed URL, as found. */
    private record Outline(int line, String title, String xmlUrl, String htmlUrl) {}

    static final int MAX_ID = 60;

    private final Config config;
    private final String topic;
    private final String kind;
    private final String type;

    /** @param topic a declared topic id or null; kind "partner", "library" or null; type a declared type or null */
    OpmlImport(Config config, String topic, String kind, String type) {
        this.config = config;
        this.topic = topic;
        this.kind = kind;
        this.type = type;
    }

    Result run(Path file) throws BadOpml {
        List<Outline> outlines = read(file);
        Set<String> ids = new HashSet<>();
        Set<String> configured = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (Source s : config.sources()) {
            ids.add(s.id());
            configured.add(urlKey(s.url().toString()));
        }
        List<String> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Outline o : outlines) {
            String where = file.getFileName() + ":" + o.line() + ": ";
            String url = o.xmlUrl().strip();
            if (configured.contains(urlKey(url))) {
                skipped.add(where + url + " is already configured");
                continue;
            }
            if (!urls.add(urlKey(url))) {
                skipped.add(where + url + " is listed above");
                continue;
            }
            String title = title(o, url);
            String id = unique(slug(title, url), ids);
            String entry = entry(id, title, url, home(o.htmlUrl()));
            String refused = refusal(entry);
            if (refused != null) {
                skipped.add(where + url + ": " + refused);
                continue;
            }
            ids.add(id);
            entries.add(entry);
        }
        return new Result(entries, skipped);
    }

    // ---- reading OPML ----

    private static List<Outline> read(Path file) throws BadOpml {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        List<Outline> outlines = new ArrayList<>();
        XMLStreamReader xml = null;
        try (InputStream in = Files.newInputStream(file)) {
            xml = factory.createXMLStreamReader(in);
            boolean root = true;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw bad(file, xml.getLocation().getLineNumber(), "a DOCTYPE is not allowed in OPML");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw bad(file, xml.getLocation().getLineNumber(), "undeclared entity &" + xml.getLocalName() + ";");
                }
                if (event != XMLStreamConstants.START_ELEMENT) continue;
                if (root && !xml.getLocalName().equals("opml")) {
                    throw bad(file, xml.getLocation().getLineNumber(), "not OPML: the root element is <"
                            + xml.getLocalName() + ">, not <opml>");
                }
                root = false;
                if (xml.getLocalName().equals("outline")) {
                    String xmlUrl = attribute(xml, "xmlUrl");
                    if (xmlUrl != null && !xmlUrl.isBlank()) {
                        String title = attribute(xml, "title");
                        if (title == null || title.isBlank()) title = attribute(xml, "text");
                        outlines.add(new Outline(xml.getLocation().getLineNumber(), title, xmlUrl,
                                attribute(xml, "htmlUrl")));
                    }
                }
            }
            if (root) throw bad(file, 0, "not OPML: no elements");
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw bad(file, line, firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new BadOpml(file + ": " + e.getMessage());
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the file is closed by the try block
                }
            }
        }
        return outlines;
    }

    /** Attribute names are matched ignoring case: exporters write xmlUrl, xmlurl and XMLURL. */
    private static String attribute(XMLStreamReader xml, String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equalsIgnoreCase(name)) return xml.getAttributeValue(i);
        }
        return null;
    }

    private static BadOpml bad(Path file, int line, String message) {
        return new BadOpml("bad OPML: " + file + (line > 0 ? ":" + line : "") + ": " + message);
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable XML" : message;
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: ..."; the line is already in our prefix.
        int at = m.indexOf("Message: ");
        if (at >= 0) m = m.substring(at + "Message: ".length());
        return m.lines().findFirst().orElse(m).strip();
    }

    // ---- making entries ----

    private static String title(Outline o, String url) {
        String title = o.title() == null ? "" : o.title().replaceAll("\\s+", " ").strip();
        if (!title.isEmpty()) return title;
        try {
            String host = new URI(url).getHost();
            if (host != null) return host;
        } catch (URISyntaxException e) {
            // the config reader reports the URL itself
        }
        return url;
    }

    private static String home(String htmlUrl) {
        if (htmlUrl == null || htmlUrl.isBlank()) return null;
        String url = htmlUrl.strip();
        String scheme = url.toLowerCase(Locale.ROOT);
        return scheme.startsWith("http://") || scheme.startsWith("https://") ? url : null;
    }

    /** Lowercase ASCII letters, digits and '-', from the title, else the URL's host; never empty. */
    static String slug(String title, String url) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_ID) slug = slug.substring(0, MAX_ID).replaceAll("-+$", "");
        if (slug.isEmpty()) {
            slug = url.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-+|-+$", "");
            if (slug.length() > MAX_ID) slug = slug.substring(0, MAX_ID).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "feed" : slug;
    }

    private static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) return base;
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) return candidate;
        }
    }

    /** Scheme and host ignore case, a trailing slash does not count: the same feed written twice is one. */
    private static String urlKey(String url) {
        String key = url.strip();
        int scheme = key.indexOf("://");
        if (scheme > 0) {
            int pathStart = key.indexOf('/', scheme + 3);
            String head = pathStart < 0 ? key : key.substring(0, pathStart);
            key = head.toLowerCase(Locale.ROOT) + (pathStart < 0 ? "" : key.substring(pathStart));
        }
        return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    }

    private String entry(String id, String title, String url, String home) {
        StringBuilder b = new StringBuilder();
        b.append("  - id: ").append(id).append('\n');
        b.append("    title: ").append(quoted(title)).append('\n');
        b.append("    url: ").append(quoted(url)).append('\n');
        if (home != null) b.append("    home: ").append(quoted(home)).append('\n');
        if (kind != null) b.append("    kind: ").append(kind).append('\n');
        if (type != null) b.append("    type: ").append(quoted(type)).append('\n');
        if (topic != null) b.append("    topics: [").append(topic).append("]\n");
        return b.toString();
    }

    /**
     * Why the config reader would refuse this entry, or null: it is read in a config of its own that declares the
     * same types and topics, so nothing printed can fail {@code check} on its own terms.
     */
    private String refusal(String entry) {
        StringBuilder yaml = new StringBuilder("site: { title: T, link: \"https://example.org/\", base_url: "
                + "\"http://localhost:8080\" }\ntypes: [");
        yaml.append(String.join(", ", config.types().stream().map(OpmlImport::quoted).toList())).append("]\n");
        if (!config.topics().isEmpty()) {
            yaml.append("topics:\n");
            for (Topic t : config.topics()) yaml.append("  - { id: ").append(t.id()).append(", title: T }\n");
        }
        yaml.append("sources:\n").append(entry);
        try {
            new ConfigLoader().parse("import", yaml.toString());
            return null;
        } catch (ConfigException e) {
            return e.errors().get(0).message();
        }
    }

    /** A YAML double-quoted scalar: only \ and " are special, and every control or invisible character is escaped. */
    static String quoted(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                    || Character.isSurrogate(c) && !validPair(text, i)) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c)) {
                b.append(c).append(text.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static boolean validPair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
