package org.tributary.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small value formats of feeds.yml. Pure functions: empty means "not in this format". */
final class Formats {

    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,7})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18}) ?(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern TYPE = Pattern.compile("\\p{L}[\\p{L}\\p{N} _-]*");
    private static final Pattern HOST_PORT = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");
    // Deliberately loose: the mail server is the judge; this only catches a missing @ or a stray list/space.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*");

    private Formats() {
    }

    /** {@code 30s}, {@code 15m}, {@code 6h}, {@code 1d}, and combinations in that order such as {@code 1h30m}. */
    static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) return Optional.empty();
        return Optional.of(Duration.ofDays(number(m.group(1)))
                .plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3)))
                .plusSeconds(number(m.group(4))));
    }

    /** Plain bytes or {@code 512KB}, {@code 10MB}, {@code 1GB}; binary multiples, as the body cap counts bytes. */
    static OptionalLong size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) return OptionalLong.empty();
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> 1L;
        };
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), factor));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Absolute, http or https, with a host: the only URLs we fetch, link to or post to. */
    static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Query parameter names that carry secrets: an API key, a token, a password, a signature. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)(?:key|apikey|api[-_]?key|token|access[-_]?token|auth|authorization|password|passwd|pwd|pass|secret|"
                    + "client[-_]?secret|sig|signature|session|sessionid|.*[-_](?:token|key|secret|password))");

    /**
     * Why a URL must not be published, if it carries a secret: user information ("user:pass@") or a query parameter
     * named like one (key=, token=, api_key=, password=, sig=...). Empty when it carries none we can see.
     */
    static Optional<String> secretIn(URI uri) {
        if (uri.getRawUserInfo() != null) {
            return Optional.of("has credentials (user:password@); they would be published in feeds, OPML and /status, "
                    + "so they are refused: remove them");
        }
        String query = uri.getRawQuery();
        if (query == null) return Optional.empty();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (SECRET_PARAM.matcher(name).matches()) {
                return Optional.of("its query parameter \"" + name + "\" looks like a secret; it would be published "
                        + "in feeds, OPML and /status, so it is refused: use a URL without it");
            }
        }
        return Optional.empty();
    }

    static boolean id(String text) {
        return ID.matcher(text).matches();
    }

    static boolean typeName(String text) {
        return TYPE.matcher(text).matches();
    }

    static boolean hostPort(String text) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) return false;
        int port = Integer.parseInt(m.group(1));
        return port >= 1 && port <= 65535;
    }

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(\\d{1,3}))?");

    /** An IPv4 or IPv6 address with an optional prefix length: 10.0.0.0/8, 192.0.2.7, fd00::/8 (never a host name). */
    static boolean cidr(String text) {
        Matcher m = CIDR.matcher(text);
        if (!m.matches()) return false;
        try {
            // Only literals reach here (the pattern has no letters beyond hex and needs ':' for them): no lookup.
            byte[] address = java.net.InetAddress.getByName(m.group(1)).getAddress();
            return m.group(2) == null || Integer.parseInt(m.group(2)) <= address.length * 8;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean email(String text) {
        return EMAIL.matcher(text).matches();
    }

    /** A BCP 47 tag: the shape above, and well-formed for the JDK (which knows the subtags' rules). */
    static boolean language(String text) {
        if (!LANGUAGE.matcher(text).matches()) return false;
        try {
            new Locale.Builder().setLanguageTag(text);
            return true;
        } catch (java.util.IllformedLocaleException e) {
            return false;
        }
    }

    /** The languages Tributary ships page words for (publish's Messages reads them). */
    static final List<String> BUNDLED_LANGUAGES = List.of("en", "es", "fr", "de");

    /**
     * Whether the pages can be in the tag's language: English, or a {@code messages_xx.properties} on the class
     * path (how publish's Messages finds a translation, so one added there is seen here too).
     */
    static boolean bundledLanguage(String tag) {
        String language = Locale.forLanguageTag(tag).getLanguage();
        return language.equals("en")
                || Formats.class.getClassLoader().getResource("messages_" + language + ".properties") != null;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
