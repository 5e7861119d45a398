package org.tributary.normalize;

import java.net.IDN;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs as feeds write them (spaces, unencoded Unicode, relative) made into absolute http(s) URIs, or null. Anything
 * else (javascript:, data:, mailto:, a relative URL with no base) is null: it must never reach a reader as a link.
 */
final class Urls {

    private static final String ALLOWED = "-._~:/?#[]@!$&'()*+,;=";

    private Urls() {}

    /** {@code reference} resolved against {@code base} (may be null), kept only if it is http or https. */
    static URI absoluteHttp(String reference, URI base) {
        if (reference == null || reference.isBlank()) return null;
        URI ref = lenient(reference);
        if (ref == null) return null;
        URI abs = ref;
        if (!ref.isAbsolute()) {
            if (base == null || base.isOpaque() || !base.isAbsolute()) return null;
            URI b = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
            try {
                abs = b.resolve(ref);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        abs = ascii(abs);
        return abs != null && isHttp(abs) ? abs : null;
    }

    private static final Pattern HIERARCHICAL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)(.*)", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile(":\\d*$");

    /**
     * An IRI as the URI readers and validators accept (RFC 3987 3.1): the host in IDNA form (www.詹姆斯.com becomes
     * www.xn--8ws00zhy3a.com), every other non-ASCII character percent-encoded as UTF-8. Null when the host is not
     * a name IDNA can write.
     */
    static URI ascii(URI uri) {
        String s = uri.toString();
        if (uri.getHost() != null && isAscii(s)) return uri;
        Matcher m = HIERARCHICAL.matcher(s);
        if (!m.matches()) return uri;
        String authority = m.group(2);
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1);
        Matcher port = PORT.matcher(hostPort);
        String portText = !hostPort.startsWith("[") && port.find() ? port.group() : "";
        String host = hostPort.substring(0, hostPort.length() - portText.length());
        if (!host.startsWith("[")) {
            try {
                String decoded = host.indexOf('%') >= 0 ? URLDecoder.decode(host, StandardCharsets.UTF_8) : host;
                host = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException notAName) {
                return null;
            }
        }
        try {
            URI rebuilt = new URI(m.group(1) + userInfo + host + portText + m.group(3));
            return URI.create(rebuilt.toASCIIString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https"))
                && uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty();
    }

    /** Drops campaign and click-id parameters, which make one article look like many and track our readers. */
    static URI withoutTracking(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) return uri;
        List<String> kept = new ArrayList<>();
        boolean dropped = false;
        for (String param : query.split("&")) {
            String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid")) {
                dropped = true;
            } else if (!param.isEmpty()) {
                kept.add(param);
            }
        }
        if (!dropped) return uri;
        String s = uri.toString();
        int q = s.indexOf('?');
        int hash = s.indexOf('#', q);
        String rebuilt = s.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept))
                + (hash >= 0 ? s.substring(hash) : "");
        return URI.create(rebuilt);
    }

    /** Parses as written; failing that, percent-encodes what java.net.URI refuses (spaces, Unicode, stray "%"). */
    static URI lenient(String s) {
        String trimmed = s.strip();
        try {
            return new URI(trimmed);
        } catch (URISyntaxException ignored) {
            // fall through to the encoded form
        }
        try {
            return new URI(encode(trimmed));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') continue; // browsers drop these inside URLs too
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0) && c != '[' && c != ']';
            if (plain) {
                b.append(c);
            } else if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                b.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte x : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
