package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** site.language: a BCP 47 tag; one naming a language without bundled page words loads, with a warning. */
class SiteLanguageTest {

    private final ConfigLoader loader = new ConfigLoader();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger problems;

    @BeforeEach
    void capture() {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        problems = logs.getLogger(Problems.class);
        captured.setContext(logs);
        captured.start();
        problems.addAppender(captured);
    }

    @AfterEach
    void release() {
        problems.detachAppender(captured);
    }

    private Config load(String language) throws ConfigException {
        return loader.parse("feeds.yml", """
                site:
                  title: T
                  link: "https://lib.example.org/"
                  base_url: "http://localhost:8080"
                  language: %s
                """.formatted(language));
    }

    private List<String> warnings() {
        return captured.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-GB", "es", "es-MX", "fr", "fr-CA", "de", "de-AT"})
    void aBundledLanguageLoadsQuietly(String language) throws ConfigException {
        assertThat(load(language).site().language()).isEqualTo(language);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aLanguageWithoutPageWordsLoadsAndWarnsNamingFileLineAndKey() throws ConfigException {
        Config config = load("pt-BR");

        // Kept as written for the feeds (their content may well be Portuguese); the pages fall back to English.
        assertThat(config.site().language()).isEqualTo("pt-BR");
        assertThat(warnings()).containsExactly("feeds.yml:5:13: site.language: no page words are bundled for "
                + "\"pt-BR\" (bundled: en, es, fr, de); pages are in English, feeds still declare \"pt-BR\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en_GB", "English", "fr-", "en-a", "de-DE-1"})
    void aTagThatIsNotBcp47IsAnError(String language) {
        assertThatThrownBy(() -> load(language)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("feeds.yml:5:13: site.language: not a language tag like en or en-GB");
    }
}
