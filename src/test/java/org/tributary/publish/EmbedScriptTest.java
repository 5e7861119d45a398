package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tributary.config.Site;

/** embed.js is rendered per site.language: the words and date locale it is given, read back as JSON. */
class EmbedScriptTest {

    private static final Pattern WORDS = Pattern.compile("var WORDS = (\\{.*?});");

    private static JsonNode words(String language) throws Exception {
        Site site = Site.builder("T", URI.create("https://lib.example.org/"), URI.create("http://localhost:8080"))
                .language(language).build();
        Matcher m = WORDS.matcher(new Publisher().embedScript(site));
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en | en | en-GB | Nothing has been added yet.",
            "fr | fr | fr | Rien n’a encore été ajouté.",
            "de-AT | de-AT | de-AT | Bisher wurde nichts hinzugefügt.",
            "pt | en | en-GB | Nothing has been added yet."})
    void theScriptCarriesTheWordsAndDateLocaleOfTheSite(String language, String lang, String dateLocale, String empty)
            throws Exception {
        JsonNode words = words(language);

        assertThat(words.path("lang").asText()).isEqualTo(lang);
        assertThat(words.path("dateLocale").asText()).isEqualTo(dateLocale);
        assertThat(words.path("empty").asText()).isEqualTo(empty);
        assertThat(words.path("dateOptions").path("month").asText()).isEqualTo("long");
    }

    @Test
    void theFrenchScriptHoldsNoEnglishMessageAndNoHardCodedLocale() {
        Site site = Site.builder("T", URI.create("https://lib.example.org/"), URI.create("http://localhost:8080"))
                .language("fr").build();
        String js = new Publisher().embedScript(site);

        assertThat(js).doesNotContain("en-GB").doesNotContain(Messages.english().get("embed.js.unavailable"))
                .contains(Messages.forLanguage("fr").get("embed.js.unavailable"));
    }
}
