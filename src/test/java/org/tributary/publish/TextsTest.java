package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void cleanDropsCharactersXmlForbidsAndKeepsEverythingElse() {
        String dirty = "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi\u0085j\uD800k";

        assertThat(Texts.clean(dirty)).isEqualTo("abcdefghijk");
    }

    @Test
    void cleanKeepsTabsNewlinesAccentsAndEmoji() {
        String fine = "tab\there\nline\r\nÉté \uD83D\uDCDA \u4E2D\u6587 \uE000";

        assertThat(Texts.clean(fine)).isEqualTo(fine);
    }

    @Test
    void lineCollapsesWhitespace() {
        assertThat(Texts.line("  two\n\tlines  ")).isEqualTo("two lines");
        assertThat(Texts.line(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "ftp://example.org/x", "/relative",
            "mailto:a@example.org", "http:///no-host"})
    void httpGuardRefusesAnythingButAbsoluteHttpUrls(String url) {
        assertThat(Texts.http(url)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "https://example.org/a?b=c, https://example.org/a?b=c",
            "HTTP://example.org/, HTTP://example.org/",
            "https://example.org/caf%C3%A9, https://example.org/caf%C3%A9"})
    void httpGuardKeepsHttpUrls(String url, String expected) {
        assertThat(Texts.http(url)).isEqualTo(expected);
    }

    @Test
    void httpGuardWritesNonAsciiPathsAsAscii() {
        assertThat(Texts.http(URI.create("https://example.org/café"))).isEqualTo("https://example.org/caf%C3%A9");
    }

    @ParameterizedTest
    @CsvSource({
            "abc123, urn:tributary:abc123",
            "src:9f8e-7d, urn:tributary:src:9f8e-7d",
            "a b/c?d, urn:tributary:a%20b%2Fc%3Fd",
            "é, urn:tributary:%C3%A9"})
    void entryIdsAreUrnsWithUnsafeCharactersEncoded(String publicId, String expected) {
        assertThat(Texts.entryId(publicId)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://e.org/a.PNG", "https://e.org/a.webp?w=200&h=1", "http://127.0.0.1:8099/i.gif",
            "https://img.example.co.uk:8443/a/b%20c.jpg#x", "https://e.org", "https://xn--bcher-kva.example/p.png"})
    void attributeUrlsKeepDomainsAndAddresses(String url) {
        assertThat(Texts.attributeUrl(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://intranet/logo.png", "http://localhost/a.jpg", "https://e.org/a|b.png",
            "ftp://e.org/a.png", "/relative.png", "javascript:alert(1)", "https://e.org/a{b}.png",
            "https://[::1]/a.png"})
    void attributeUrlsDropWhatTheValidatorRefuses(String url) {
        assertThat(Texts.attributeUrl(url)).isNull();
    }
}
