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
    void anEmptyPairIsAnEmptyNameAndAnUndecodableValueIsDropped() {
        assertThat(DocumentHandler.queryParams("&")).containsExactly(Map.entry("", List.of("", "")));
        assertThat(DocumentHandler.queryParams("type=%zz")).containsExactly(Map.entry("type", List.of()));
        assertThat(DocumentHandler.queryParams("%zz=1")).containsOnlyKeys("%zz");
    }

    @Test
    void gzipUnlessRefusedWithQZero() {
        assertThat(DocumentHandler.acceptsGzip(null)).isFalse();
        assertThat(DocumentHandler.acceptsGzip("br, GZIP")).isTrue();
        assertThat(DocumentHandler.acceptsGzip("gzip;q=0.5")).isTrue();
        assertThat(DocumentHandler.acceptsGzip("gzip; q=0")).isFalse();
        assertThat(DocumentHandler.acceptsGzip("deflate")).isFalse();
    }
}
