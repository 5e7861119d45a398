package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "15m, PT15M", "6h, PT6H", "1d, PT24H", "1h30m, PT1H30M", "1d12h, PT36H", "90m, PT1H30M",
            "0s, PT0S"})
    void readsDurationsWithUnitsInDescendingOrder(String text, Duration expected) {
        assertThat(Formats.duration(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "30 m", "30min", "1m1h", "-5m", "1.5h", "PT30M", "h", "1w"})
    void refusesOtherDurations(String text) {
        assertThat(Formats.duration(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "512KB, 524288", "10MB, 10485760", "1GB, 1073741824", "10mb, 10485760",
            "100B, 100", "10 MB, 10485760"})
    void readsSizesInBinaryMultiples(String text, long expected) {
        assertThat(Formats.size(text)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "10 MiB", "1.5MB", "-1", "10TB", "999999999999999999GB"})
    void refusesOtherSizesAndOverflow(String text) {
        assertThat(Formats.size(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example.org/feed", "http://localhost:8080", "HTTPS://A.EXAMPLE.ORG/x?y=1#z"})
    void acceptsAbsoluteHttpUrls(String text) {
        assertThat(Formats.httpUrl(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/feed", "example.org/feed", "ftp://example.org/", "file:///etc/passwd", "https://",
            "https:///path", "javascript:alert(1)", "http://exa mple.org/"})
    void refusesAnythingButAbsoluteHttpUrls(String text) {
        assertThat(Formats.httpUrl(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "10.0.0.5:80", "[::1]:9000", "feeds.internal:65535"})
    void acceptsHostPortPairs(String text) {
        assertThat(Formats.hostPort(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:0", "localhost:65536", ":80", "http://h:80", "h:80/x"})
    void refusesOtherHostPortForms(String text) {
        assertThat(Formats.hostPort(text)).isFalse();
    }
}
