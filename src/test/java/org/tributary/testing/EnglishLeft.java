package org.tributary.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.tributary.publish.Messages;

/**
 * Finds English left on a page that should be in another language: every English string of the message bundle
 * (each piece between its {@code {0}} placeholders) that the translation does not itself contain, and common English
 * words that no translated message contains as a word. Reads the text people see and the attributes screen readers
 * say (aria-label, title, alt), after removing what the caller names as content (item titles, excerpts, names).
 */
public final class EnglishLeft {

    /** Words the page's own phrases are made of in English; a page in another language has none of them. */
    private static final List<String> ENGLISH_WORDS = List.of("the", "from", "of", "and", "to", "this", "all",
            "newer", "older", "newest", "updated", "subscribe", "nothing", "added", "yet", "skip", "publish", "also",
            "more", "items", "item", "wait", "waits", "approval", "loaded", "refused", "config", "success", "error",
            "failures", "next", "fetch", "held", "categories", "state", "date", "cancelled", "register", "day",
            "fails", "since", "memory", "database", "january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private EnglishLeft() {
    }

    /**
     * What English the page still shows, after removing the elements {@code contentSelectors} match; of the
     * bundle's strings, those whose keys start with one of {@code keyPrefixes} (the page's own).
     */
    public static List<String> in(String html, Messages translated, List<String> keyPrefixes,
                                  String... contentSelectors) {
        Document doc = Jsoup.parse(html);
        for (String selector : contentSelectors) doc.select(selector).remove();
        StringBuilder shown = new StringBuilder(doc.body().text());
        for (Element e : doc.body().select("[aria-label], [title], [alt]")) {
            shown.append('\n').append(e.attr("aria-label")).append('\n').append(e.attr("title"))
                    .append('\n').append(e.attr("alt"));
        }
        return in(shown.toString(), translated, keyPrefixes);
    }

    /** What English {@code text} holds, the text of a page whose words are {@code translated}; see above. */
    public static List<String> in(String text, Messages translated, List<String> keyPrefixes) {
        Messages english = Messages.english();
        Set<String> found = new LinkedHashSet<>();
        StringBuilder theirs = new StringBuilder();
        for (String key : english.keys()) theirs.append(translated.get(key)).append('\n');
        for (String key : english.keys()) {
            if (key.equals("date.locale") || keyPrefixes.stream().noneMatch(key::startsWith)) continue;
            for (String piece : english.get(key).split("\\{\\d+}")) {
                String phrase = piece.strip().replaceAll("^[,;.:]\\s*", "").strip();
                if (phrase.length() < 3 || translated.get(key).contains(phrase)) continue;
                if (text.contains(phrase)) found.add(key + ": \"" + phrase + "\"");
            }
        }
        String lowerTheirs = theirs.toString().toLowerCase(Locale.ROOT);
        String lowerText = text.toLowerCase(Locale.ROOT);
        for (String word : ENGLISH_WORDS) {
            Pattern asWord = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(word) + "(?![\\p{L}])");
            if (asWord.matcher(lowerTheirs).find()) continue;   // also a word of that language ("date" in French)
            if (asWord.matcher(lowerText).find()) found.add("the word \"" + word + "\"");
        }
        return new ArrayList<>(found);
    }
}
