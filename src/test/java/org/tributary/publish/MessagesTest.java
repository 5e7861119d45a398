package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    private static final Instant WEBINAR = Instant.parse("2019-06-11T15:30:00Z");

    /** The keys one file itself holds, read as the file it is (not through the English parent). */
    private static Set<String> ownKeys(String language) throws IOException {
        String name = "/" + Messages.BUNDLE + (language.equals("en") ? "" : "_" + language) + ".properties";
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new TreeSet<>(p.stringPropertyNames());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "fr", "de"})
    void everyBundledTranslationHasEveryEnglishKeyAndNoOther(String language) throws IOException {
        Set<String> english = ownKeys("en");
        english.remove("date.locale");   // English's own: where its dates are written
        assertThat(ownKeys(language)).isEqualTo(english);
        Messages words = Messages.forLanguage(language);
        for (String key : english) {
            assertThat(words.get(key)).as(language + " " + key).isNotBlank();
        }
    }

    @Test
    void aKeyATranslationLacksFallsBackToEnglish() {
        Messages esperanto = Messages.forLanguage("eo");   // src/test/resources: two keys only

        assertThat(esperanto.lang()).isEqualTo("eo");
        assertThat(esperanto.get("page.skip")).isEqualTo("Salti al la listo");
        assertThat(esperanto.get("page.newest")).isEqualTo("Newest");
        assertThat(esperanto.format("item.from", "X")).isEqualTo("From X");
    }

    @Test
    void anUnknownKeyIsABugNamedInTheError() {
        assertThatThrownBy(() -> Messages.english().get("page.nonesuch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page.nonesuch");
    }

    @ParameterizedTest
    @CsvSource({
            "en, en", "en-GB, en-GB", "fr, fr", "fr-CA, fr-CA", "de-AT, de-AT", "es, es",
            // No words are bundled for Portuguese: the page is English and says so.
            "pt, en", "pt-BR, en", "'', en"})
    void theLangNamesTheLanguageOfTheWords(String tag, String lang) {
        assertThat(Messages.forLanguage(tag).lang()).isEqualTo(lang);
    }

    @Test
    void aLanguageWithoutWordsIsEnglishThroughout() {
        Messages portuguese = Messages.forLanguage("pt");

        for (String key : Messages.english().keys()) {
            assertThat(portuguese.get(key)).isEqualTo(Messages.english().get(key));
        }
        assertThat(portuguese.date(WEBINAR)).isEqualTo("11 June 2019");
        assertThat(Messages.isBundled("pt")).isFalse();
        assertThat(Messages.isBundled("fr-CA")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "en, 11 June 2019",
            "en-US, 'June 11, 2019'",
            "es, 11 de junio de 2019",
            "fr, 11 juin 2019",
            "de, 11. Juni 2019",
            "de-AT, 11. Juni 2019"})
    void datesAreTheJdksLongFormatOfTheLocale(String tag, String expected) {
        assertThat(Messages.forLanguage(tag).date(WEBINAR)).isEqualTo(expected);
    }

    @Test
    void aCountChoosesOneOrOtherAndPatternsKeepTheirApostrophes() {
        Messages english = Messages.english();

        assertThat(english.count("status.held", 1)).contains("1 item waits for an editor's approval");
        assertThat(english.count("status.held", 3)).contains("3 items wait for an editor's approval");
        assertThat(english.around("item.from")).containsExactly("From ", "");
        assertThat(Messages.forLanguage("fr").count("status.held", 2)).contains("2 éléments attendent l’approbation");
    }
}
