package org.tributary.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as feeds really write them, read from the raw string: RFC 822 with its real-world variants (zone
 * abbreviations, missing seconds, two-digit years, a stray comma, full month names), W3C-DTF and ISO 8601 (reduced
 * precision, two-digit years, ordinal days, a space for the "T"), asctime, a 12-hour clock ("8:56 am"), and a few localised forms met in the wild
 * (Greek and Hungarian month names, Korean blog engines). A date without a zone is read in the source's zone. Anything
 * else is null: the store then uses the first-seen time, never a guess.
 */
public final class Dates {

    private static final String ZONE = "([A-Za-z]{1,5}(?:/[A-Za-z]+)?(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}:?\\d{2})";
    private static final String TIME = "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?";
    private static final Pattern RFC822 = Pattern.compile(
            "(?:[A-Za-z]{2,9}\\.?,?\\s*)?(\\d{1,2})\\s*[ -]\\s*([A-Za-z]{3,9})\\.?,?[ -]\\s*(\\d{2,4})(?:,?\\s+" + TIME + ")?(?:\\s*" + ZONE + ")?");
    private static final Pattern SLASHED = Pattern.compile(
            "(?:[A-Za-z]{3},?\\s*)?(\\d{4})/(\\d{1,2})/(\\d{1,2})\\s+" + TIME + "(?:\\s*" + ZONE + ")?");
    /** asctime ("Sun Jan  4 16:29:06 2004", zone optional before the year) and JavaScript's Date.toString. */
    private static final Pattern ASCTIME = Pattern.compile(
            "[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+" + TIME + "(?:\\s+" + ZONE + ")?\\s+(\\d{4})");
    private static final Pattern JS_DATE = Pattern.compile(
            "[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{4})\\s+" + TIME + "(?:\\s*(?:GMT|UTC)?" + "([+-]\\d{2}:?\\d{2}))?(?:\\s*\\(.*\\))?");
    private static final Pattern W3CDTF = Pattern.compile(
            "(\\d{4})(?:-(\\d{1,3})(?:-(\\d{1,2}))?)?(?:[T ]\\s*" + TIME + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:T(\\d{2}):?(\\d{2})(?::?(\\d{2}))?(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern YYMMDD = Pattern.compile("(\\d{2})-?(\\d{2})-?(\\d{2})");
    private static final Pattern YYMM = Pattern.compile("-(\\d{2})-?(\\d{2})");
    private static final Pattern ORDINAL = Pattern.compile("(\\d{2}|\\d{4})-?(\\d{3})");
    private static final Pattern KOREAN_NATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})\\s+(오전|오후)\\s+(\\d{1,2}):(\\d{2}):(\\d{2})");
    private static final Pattern KOREAN_ONBLOG = Pattern.compile("(\\d{4})년\\s*(\\d{1,2})월\\s*(\\d{1,2})일\\s+(\\d{1,2}):(\\d{2}):(\\d{2})");
    private static final Pattern TWELVE_HOUR =
            Pattern.compile("\\b(\\d{1,2})(:\\d{2}(?::\\d{2})?)\\s*([AaPp])\\.?[Mm]\\.?(?=\\s|$)");
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, String> ZONES = new HashMap<>();
    private static final Map<String, String> FOREIGN = new HashMap<>();

    static {
        String[] en = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < 12; i++) MONTHS.put(en[i], i + 1);
        MONTHS.put("sept", 9);
        // Zone abbreviations met in feeds; the ambiguous ones (IST, BST...) get their most common meaning in feeds.
        String[][] zones = {{"UT", "Z"}, {"UTC", "Z"}, {"GMT", "Z"}, {"Z", "Z"}, {"Etc/GMT", "Z"}, {"Etc/UTC", "Z"},
                {"WET", "Z"}, {"WEST", "+01:00"}, {"BST", "+01:00"}, {"IST", "+05:30"}, {"CET", "+01:00"},
                {"MET", "+01:00"}, {"CEST", "+02:00"}, {"MEST", "+02:00"}, {"MESZ", "+02:00"}, {"MEZ", "+01:00"},
                {"EET", "+02:00"}, {"EEST", "+03:00"}, {"MSK", "+03:00"}, {"JST", "+09:00"}, {"KST", "+09:00"},
                {"HKT", "+08:00"}, {"SGT", "+08:00"}, {"AWST", "+08:00"}, {"ACST", "+09:30"}, {"ACDT", "+10:30"},
                {"AEST", "+10:00"}, {"AEDT", "+11:00"}, {"NZST", "+12:00"}, {"NZDT", "+13:00"},
                {"AT", "-04:00"}, {"AST", "-04:00"}, {"ADT", "-03:00"}, {"NST", "-03:30"}, {"NDT", "-02:30"},
                {"ET", "-05:00"}, {"EST", "-05:00"}, {"EDT", "-04:00"}, {"CT", "-06:00"}, {"CST", "-06:00"},
                {"CDT", "-05:00"}, {"MT", "-07:00"}, {"MST", "-07:00"}, {"MDT", "-06:00"}, {"PT", "-08:00"},
                {"PST", "-08:00"}, {"PDT", "-07:00"}, {"AKST", "-09:00"}, {"AKDT", "-08:00"}, {"HST", "-10:00"}};
        for (String[] z : zones) ZONES.put(z[0].toUpperCase(Locale.ROOT), z[1]);
        // Month and day names of the localised dates feedparser meets, mapped to English.
        String[][] foreign = {{"Ιαν", "Jan"}, {"Φεβ", "Feb"}, {"Μάώ", "Mar"}, {"Μαώ", "Mar"}, {"Μάρ", "Mar"},
                {"Απρ", "Apr"}, {"Μάι", "May"}, {"Μαϊ", "May"}, {"Μαι", "May"}, {"Ιούν", "Jun"}, {"Ιον", "Jun"},
                {"Ιούλ", "Jul"}, {"Ιολ", "Jul"}, {"Αύγ", "Aug"}, {"Αυγ", "Aug"}, {"Σεπ", "Sep"}, {"Οκτ", "Oct"},
                {"Νοέ", "Nov"}, {"Νοε", "Nov"}, {"Δεκ", "Dec"}, {"Κυρ", "Sun"}, {"Δευ", "Mon"}, {"Τρι", "Tue"},
                {"Τετ", "Wed"}, {"Πεμ", "Thu"}, {"Παρ", "Fri"}, {"Σαβ", "Sat"},
                {"január", "01"}, {"február", "02"}, {"március", "03"}, {"április", "04"}, {"május", "05"},
                {"június", "06"}, {"július", "07"}, {"augusztus", "08"}, {"szeptember", "09"}, {"október", "10"},
                {"november", "11"}, {"december", "12"}};
        for (String[] f : foreign) FOREIGN.put(f[0], f[1]);
    }

    private Dates() {}

    /** The instant the text names, reading a zone-less date in {@code zone}; null when it is not a date we know. */
    public static Instant parse(String raw, ZoneId zone) {
        if (raw == null) return null;
        String s = raw.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) return null;
        try {
            Instant found = parseExact(s, zone);
            if (found == null) {
                String clock24 = twentyFourHour(s);
                if (!clock24.equals(s)) found = parseExact(clock24, zone);
            }
            if (found == null) {
                String translated = translate(s);
                if (!translated.equals(s)) found = parseExact(translated, zone);
            }
            return found;
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant parseExact(String s, ZoneId zone) {
        Matcher m;
        if ((m = W3CDTF.matcher(s)).matches()) return w3c(m, zone);
        if ((m = RFC822.matcher(s)).matches()) {
            return at(year(m.group(3)), month(m.group(2)), num(m.group(1)), m.group(4), m.group(5), m.group(6),
                    m.group(7), zone);
        }
        if ((m = SLASHED.matcher(s)).matches()) {
            return at(num(m.group(1)), num(m.group(2)), num(m.group(3)), m.group(4), m.group(5), m.group(6),
                    m.group(7), zone);
        }
        if ((m = ASCTIME.matcher(s)).matches()) {
            return at(num(m.group(7)), month(m.group(1)), num(m.group(2)), m.group(3), m.group(4), m.group(5),
                    m.group(6), zone);
        }
        if ((m = JS_DATE.matcher(s)).matches()) {
            return at(num(m.group(3)), month(m.group(1)), num(m.group(2)), m.group(4), m.group(5), m.group(6),
                    m.group(7), zone);
        }
        if ((m = COMPACT.matcher(s)).matches()) {
            return at(num(m.group(1)), num(m.group(2)), num(m.group(3)), m.group(4), m.group(5), m.group(6),
                    m.group(7), zone);
        }
        if ((m = YYMMDD.matcher(s)).matches()) return at(year(m.group(1)), num(m.group(2)), num(m.group(3)), zone);
        if ((m = YYMM.matcher(s)).matches()) return at(year(m.group(1)), num(m.group(2)), 1, zone);
        if ((m = ORDINAL.matcher(s)).matches()) {
            int year = year(m.group(1));
            int day = num(m.group(2));
            if (day < 1 || day > LocalDate.of(year, 1, 1).lengthOfYear()) return null;
            return LocalDate.ofYearDay(year, day).atStartOfDay(zone).toInstant();
        }
        if ((m = KOREAN_NATE.matcher(s)).matches()) {
            int hour = num(m.group(5)) % 12 + (m.group(4).equals("오후") ? 12 : 0);
            return LocalDateTime.of(num(m.group(1)), num(m.group(2)), num(m.group(3)), hour, num(m.group(6)),
                    num(m.group(7))).atOffset(KST).toInstant();
        }
        if ((m = KOREAN_ONBLOG.matcher(s)).matches()) {
            return LocalDateTime.of(num(m.group(1)), num(m.group(2)), num(m.group(3)), num(m.group(4)),
                    num(m.group(5)), num(m.group(6))).atOffset(KST).toInstant();
        }
        return null;
    }

    private static Instant w3c(Matcher m, ZoneId zone) {
        int year = num(m.group(1));
        int month = m.group(2) == null ? 1 : num(m.group(2));
        int day = m.group(3) == null ? 1 : num(m.group(3));
        return at(year, month, day, m.group(4), m.group(5), m.group(6), m.group(7), zone);
    }

    private static Instant at(int year, int month, int day, ZoneId zone) {
        return LocalDate.of(year, month, day).atStartOfDay(zone).toInstant();
    }

    private static Instant at(int year, int month, int day, String hour, String minute, String second, String zoneText,
            ZoneId zone) {
        LocalDate date = LocalDate.of(year, month, day);
        if (hour == null) {
            ZoneId z = zoneText == null ? zone : zone(zoneText);
            return z == null ? null : date.atStartOfDay(z).toInstant();
        }
        LocalDateTime local = date.atTime(num(hour), num(minute), second == null ? 0 : num(second));
        ZoneId z = zoneText == null ? zone : zone(zoneText);
        return z == null ? null : ZonedDateTime.of(local, z).toInstant();
    }

    /** "+0200", "-01:01", "GMT-01:01", "EST", "Etc/GMT"; null when unknown (an unknown zone is not a date). */
    private static ZoneId zone(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        String known = ZONES.get(t);
        if (known != null) return ZoneOffset.of(known);
        Matcher m = Pattern.compile("(?:GMT|UTC|UT)?([+-])(\\d{1,2}):?(\\d{2})?").matcher(t);
        if (!m.matches()) return null;
        int hours = num(m.group(2));
        int minutes = m.group(3) == null ? 0 : num(m.group(3));
        if (hours > 18 || minutes > 59) return null;
        int sign = m.group(1).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static int month(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Integer month = MONTHS.get(key.length() > 3 && !key.equals("sept") ? key.substring(0, 3) : key);
        if (month == null) throw new DateTimeException("unknown month " + name);
        return month;
    }

    /** Two-digit years are RFC 2822's: 00–49 are 2000s, 50–99 are 1900s. */
    private static int year(String digits) {
        int y = num(digits);
        if (digits.length() == 2) return y < 50 ? 2000 + y : 1900 + y;
        if (digits.length() == 3) throw new DateTimeException("three-digit year");
        return y;
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    /** "8:56 am" becomes "08:56", "12:05 a.m." "00:05", "8:56pm" "20:56"; other text is left as it is. */
    private static String twentyFourHour(String s) {
        Matcher m = TWELVE_HOUR.matcher(s);
        if (!m.find()) return s;
        int hour = num(m.group(1));
        if (hour < 1 || hour > 12) return s;
        boolean pm = Character.toLowerCase(m.group(3).charAt(0)) == 'p';
        int h24 = hour % 12 + (pm ? 12 : 0);
        return s.substring(0, m.start()) + String.format(Locale.ROOT, "%02d", h24) + m.group(2)
                + s.substring(m.end());
    }

    private static String translate(String s) {
        String out = s;
        for (Map.Entry<String, String> f : FOREIGN.entrySet()) {
            if (out.contains(f.getKey())) out = out.replace(f.getKey(), f.getValue());
        }
        return out;
    }
}
