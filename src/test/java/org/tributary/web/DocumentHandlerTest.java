package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document handler reads query strings as Javalin did, so the same requests get the same documents and 400s. */
class DocumentHandlerTest {

    @Test
    void queryParametersAreSplitDecodedAndGroupedInOrder() {
        assertThat(DocumentHandler.queryParams(null)).isEmpty();
        assertThat(DocumentHandler.queryParams("")).isEmpty();
        assertThat(DocumentHandler.queryParams("type=News&source=a&type=Web+inar&limit=5=3"))
                .containsExactly(Map.entry("type", List.of("News", "Web inar")), Map.entry("source", List.of("a")),
                        Map.entry("limit", List.of("5=3")));
        assertThat(DocumentHandler.queryParams("topic=caf%C3%A9&limit")).containsExactly(
                Map.entry("topic", List.of("café")), Map.entry("limit", List.of("")));
    }

    @Test
    void anEmptyPairIsAnEmptyNameAndAnUndecodableValueStaysAsGiven() {
        assertThat(DocumentHandler.queryParams("&")).containsExactly(Map.entry("", List.of("", "")));
        assertThat(DocumentHandler.queryParams("type=%zz")).containsExactly(Map.entry("type", List.of("%zz")));
        assertThat(DocumentHandler.queryParams("%zz=1")).containsOnlyKeys("%zz");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "br, GZIP|true", "gzip;q=0.5|true", "gzip; q=0|false", "deflate|false", "gzip;q=0.0|false",
            "gzip;Q=0|false", "gzip ; q = 0.000|false", "gzip;q=0.001|true", "x-gzip|true", "*|true",
            "*;q=0|false", "gzip;q=0, *|false", "gzip;q=0, gzip;q=1|true", "gzip;q=abc|false", "gzip;q=2|false",
            "identity|false", "gzip;level=1|true"})
    void gzipOnlyWithAWeightAboveZero(String acceptEncoding, boolean gzip) {
        assertThat(DocumentHandler.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
    }

    @Test
    void noAcceptEncodingIsNoGzip() {
        assertThat(DocumentHandler.acceptsGzip(null)).isFalse();
    }
}
