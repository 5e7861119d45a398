package org.tributary.publish;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Pure helpers every writer shares, so that every format cleans, links and dates the same way. */
final class Texts {

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
     * {@link #http(String)} for a URL printed in an attribute that validators hold to a stricter rule than links
     * (media:thumbnail's url, RSS source and enclosure urls): a host with a dot (a domain or an IPv4 address, never
     * a single label such as "intranet" or "localhost", which no reader elsewhere could reach), an optional port,
     * and only the characters RFC 2396 allows. Null otherwise: the attribute is dropped, not published broken.
     */
    static String attributeUrl(String url) {
        String ascii = http(url);
        if (ascii == null) return null;
        return ATTRIBUTE_URL.matcher(ascii).matches() ? ascii : null;
    }

    /** http(s)://, a dotted host, a port, then a path of RFC 2396 characters: the W3C validator's URL attribute. */
    private static final java.util.regex.Pattern ATTRIBUTE_URL = java.util.regex.Pattern.compile(
            "(?i)https?://(?:[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.|(?:[a-z0-9-]+\\.)+)[a-z0-9][a-z0-9-]*(?::\\d+)?"
                    + "(?:/[0-9a-z;/?:@&=+$.\\-_!~*'()%,#]*)?");

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
}
