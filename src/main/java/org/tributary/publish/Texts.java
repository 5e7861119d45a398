package org.tributary.publish;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Pure helpers every writer shares, so that every format cleans, links and dates the same way. */
final class Texts {

    /** "27 June 2019", the way the page we imitate writes dates; always UTC so every node prints the same day. */
    private static final DateTimeFormatter DISPLAY_DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /**
     * Drops every code point XML 1.0 forbids (C0 controls other than tab, CR, LF; lone surrogates; U+FFFE/U+FFFF)
     * and the C1 controls, which XML allows but HTML treats as errors and no reader displays. Upstream already
     * sanitizes; this is the last line of defence, because one such character makes a whole feed unreadable.
     */
    static String clean(String s) {
        if (s == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (!allowed(cp)) {
                if (out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? s : out.toString();
    }

    /** A one-line text (titles, names): cleaned, whitespace runs collapsed, trimmed. */
    static String line(String s) {
        return clean(s).replaceAll("\\s+", " ").strip();
    }

    private static boolean allowed(int cp) {
        if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
        if (cp < 0x20) return false;
        if (cp >= 0x7F && cp <= 0x9F) return false;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;   // a lone surrogate: codePointAt returns it as is
        return cp != 0xFFFE && cp != 0xFFFF;
    }

    /**
     * The URL as ASCII text when it is an absolute http(s) URL with a host, else null. The store promises
     * this already; we check again because a javascript: link in our page would be ours to answer for.
     */
    static String http(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) return null;
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return null;
        String ascii = uri.toASCIIString();
        return clean(ascii).equals(ascii) ? ascii : null;
    }

    /** {@link #http(URI)} for a URL held as text; null when it does not parse. */
    static String http(String url) {
        if (url == null) return null;
        try {
            return http(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * A stable entry id that does not depend on base_url, so moving the server never makes readers show
     * every item again. Characters outside a conservative URN set are percent-encoded.
     */
    static String entryId(String publicId) {
        return "urn:tributary:" + urnPart(publicId);
    }

    /** The id we give a source inside atom:source: ours, stable even when the source's URL moves. */
    static String sourceId(String sourceId) {
        return "urn:tributary:source:" + urnPart(sourceId);
    }

    private static String urnPart(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == ':') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    static String displayDate(Instant instant) {
        return DISPLAY_DATE.format(instant);
    }

    /** A guess at the image's media type from its extension; RSS requires one and we never fetch to find out. */
    static String imageType(String url) {
        String path = URI.create(url).getPath();
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) return "image/png";
        if (lower.endsWith(".gif")) return "image/gif";
        if (lower.endsWith(".webp")) return "image/webp";
        if (lower.endsWith(".svg")) return "image/svg+xml";
        if (lower.endsWith(".avif")) return "image/avif";
        return "image/jpeg";   // the most common by far, and what readers assume for an unknown photo
    }
}
