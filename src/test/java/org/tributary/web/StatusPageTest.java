package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class StatusPageTest {

    private static SourceStatus.Row row(String id, String state) {
        return new SourceStatus.Row(id, id, state, "https://example.org/" + id, null, null, 0, 0, null, List.of());
    }

    @Test
    void countsOnlySourcesThatNeedAttentionAsNotOk() {
        String html = StatusPage.write("Site", List.of(row("a", "ok"), row("b", "not-modified"), row("c", "new"),
                row("d", "failing"), row("e", "backing-off"), row("f", "gone")), null);

        assertThat(Jsoup.parse(html).selectFirst("p.summary").text()).startsWith("6 sources, 3 not ok.");
    }
}
