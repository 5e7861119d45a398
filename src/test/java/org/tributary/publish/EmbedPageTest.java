package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** /embed's head: the height script its policy allows by hash, and the theme the framing page chose. */
class EmbedPageTest {

    private final Publisher publisher = new Publisher();

    private Document embed(EmbedTheme theme) {
        return Jsoup.parse(publisher.embed(Fixtures.merged(), theme));
    }

    @Test
    void thePolicyAllowsExactlyTheScriptTheDocumentCarriesByItsHash() throws Exception {
        String script = embed(EmbedTheme.AUTO).select("script").first().data();
        // The browser hashes the element's text as served; one changed byte and the script would be refused.
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(Views.EMBED_CSP).contains("script-src 'sha256-" + hash + "';")
                .doesNotContain("unsafe-inline").contains("frame-ancestors *");
        assertThat(Views.HTML_CSP).doesNotContain("script-src");
        assertThat(script).contains("\"tributary:height\"").contains("ResizeObserver").contains("source: \"tributary\"");
    }

    @Test
    void theScriptIsTheOnlyScriptAndHasNoSourceOfItsOwn() {
        Document doc = embed(EmbedTheme.DARK);
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("script[src]")).isEmpty();
        assertThat(doc.select("[style]")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EmbedTheme.class, names = {"LIGHT", "DARK"})
    void aChosenThemeIsMarkedOnTheRootAndInTheColourSchemeMeta(EmbedTheme theme) {
        Document doc = embed(theme);
        assertThat(doc.select("html").attr("data-theme")).isEqualTo(theme.id());
        assertThat(doc.select("meta[name=color-scheme]").attr("content")).isEqualTo(theme.id());
    }

    @Test
    void autoFollowsTheVisitorAndMarksNoTheme() {
        Document doc = embed(EmbedTheme.AUTO);
        assertThat(doc.select("html").hasAttr("data-theme")).isFalse();
        assertThat(doc.select("meta[name=color-scheme]").attr("content")).isEqualTo("light dark");
        assertThat(publisher.embed(Fixtures.merged())).isEqualTo(publisher.embed(Fixtures.merged(), EmbedTheme.AUTO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "LIGHT", "Light", "dark", "DARK", "auto", "Auto"})
    void themeNamesAreMatchedWithoutRegardToCase(String name) {
        assertThat(EmbedTheme.named(name)).isNotNull();
        assertThat(EmbedTheme.named(name).id()).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "blue", "lightt", " light", "system"})
    void otherNamesAreNoTheme(String name) {
        assertThat(EmbedTheme.named(name)).isNull();
    }

    @Test
    void theStyleSheetHoldsAChosenSchemeOverTheVisitorsAndKeepsOnePalette() {
        String css = publisher.css();
        assertThat(css).contains(":root:not([data-theme=\"light\"])").contains(":root[data-theme=\"dark\"]")
                .contains(":root[data-theme=\"light\"] { color-scheme: light; }")
                .contains("--background: #161616;").contains("--background: #fdfdfc;").doesNotContain("/*DARK*/");
        String widget = publisher.embedCss();
        assertThat(widget).contains("[data-tributary-theme=\"dark\"]").contains("[data-tributary-theme=\"auto\"]")
                .contains("--tributary-background: #161616;").doesNotContain("/*LIGHT*/");
    }
}
