package org.tributary.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The words people read on our pages, /embed, /status.html and embed.js, in the site's language: the bundled
 * {@code messages*.properties} (UTF-8) on the class path, {@code messages.properties} being English. A key a
 * translation lacks falls back to English, and a language no file is bundled for is English throughout, so the
 * page's {@code lang} ({@link #lang()}) always names the language of its words.
 *
 * <p>Dates come from the JDK's locale data ({@link FormatStyle#LONG}), never from tables of our own. A bundle may
 * name the locale its dates are written in when the site's tag has no region ({@code date.locale}): English does,
 * so that {@code en} writes "27 June 2019" like the page we imitate, and {@code en-US} "June 27, 2019".
 *
 * <p>Patterns hold {@code {0}}, {@code {1}} and nothing else: no {@code MessageFormat}, whose quoting rules would
 * eat the apostrophes French and English need.
 */
public final class Messages {

    /** The languages shipped with Tributary; another is one {@code messages_xx.properties} away. */
    public static final List<String> BUNDLED = List.of("en", "es", "fr", "de");

    static final String BUNDLE = "messages";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ConcurrentMap<String, Messages> BY_TAG = new ConcurrentHashMap<>();

    private final String lang;
    private final Locale dateLocale;
    private final ResourceBundle words;
    private final DateTimeFormatter date;

    private Messages(String lang, Locale dateLocale, ResourceBundle words) {
        this.lang = lang;
        this.dateLocale = dateLocale;
        this.words = words;
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(dateLocale)
                .withZone(ZoneOffset.UTC);
    }

    /** English, the language every other falls back to. */
    public static Messages english() {
        return forLanguage("en");
    }

    /**
     * The words for a BCP 47 tag such as {@code fr} or {@code de-AT}: those of its language when a file is bundled
     * for it, else English. Never fails; null or a malformed tag is English.
     */
    public static Messages forLanguage(String tag) {
        String key = tag == null ? "" : tag.strip();
        return BY_TAG.computeIfAbsent(key, Messages::load);
    }

    /** Whether a file is bundled for the language of this tag (English always is). */
    public static boolean isBundled(String tag) {
        Locale locale = locale(tag);
        String language = locale.getLanguage();
        if (language.isEmpty()) return false;
        return language.equals("en")
                || Messages.class.getClassLoader().getResource(BUNDLE + "_" + language + ".properties") != null;
    }

    private static Messages load(String tag) {
        Locale asked = locale(tag);
        boolean bundled = isBundled(tag);
        Locale language = bundled ? asked : Locale.ENGLISH;
        ResourceBundle words = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language.getLanguage()),
                Messages.class.getClassLoader(), NO_DEFAULT_LOCALE);
        Locale dateLocale = language;
        // A translation without date.locale inherits English's: it applies only to a locale of the same language.
        if (language.getCountry().isEmpty() && words.containsKey("date.locale")) {
            Locale named = Locale.forLanguageTag(words.getString("date.locale"));
            if (named.getLanguage().equals(language.getLanguage())) dateLocale = named;
        }
        return new Messages(bundled ? asked.toLanguageTag() : "en", dateLocale, words);
    }

    private static Locale locale(String tag) {
        if (tag == null || tag.isBlank()) return Locale.ENGLISH;
        return Locale.forLanguageTag(tag.strip());
    }

    /** The page's {@code lang}: the site's tag when its language is bundled, else "en". */
    public String lang() {
        return lang;
    }

    /** The locale dates are written in (see the class comment). */
    public Locale dateLocale() {
        return dateLocale;
    }

    /** The words for a key, in English when this language lacks it. An unknown key is a bug: it throws. */
    public String get(String key) {
        try {
            return words.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message \"" + key + "\" in " + BUNDLE + ".properties", e);
        }
    }

    /** The pattern of {@code key} with {@code {0}}, {@code {1}}, ... replaced by the arguments. */
    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) text = text.replace("{" + i + "}", String.valueOf(args[i]));
        return text;
    }

    /** {@code key.one} when {@code n} is 1, else {@code key.other}, formatted with {@code n} first. */
    public String count(String key, long n, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = n;
        System.arraycopy(more, 0, args, 1, more.length);
        return format(key + (n == 1 ? ".one" : ".other"), args);
    }

    /**
     * The text before and after {@code {0}} in the pattern of {@code key}, for when the argument is an element
     * (a link) rather than text: "From {0}" is {"From ", ""}.
     */
    public String[] around(String key) {
        String text = get(key);
        int at = text.indexOf("{0}");
        if (at < 0) return new String[] {text, ""};
        return new String[] {text.substring(0, at), text.substring(at + 3)};
    }

    /** A day as people read it in this language: "27 June 2019", "27 juin 2019", "27. Juni 2019" (UTC). */
    public String date(Instant instant) {
        return date.format(Objects.requireNonNull(instant, "instant"));
    }

    /** Every key whose name starts with {@code prefix}, with its words: what embed.js is given. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys()) if (key.startsWith(prefix)) out.put(key, get(key));
        return out;
    }

    /** Every key, this language's and the English ones it falls back to, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(words.keySet());
    }

    @Override
    public String toString() {
        return "Messages[" + lang + "]";
    }
}
