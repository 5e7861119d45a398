package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.tributary.config.Site;

class StatusPageTest {

    private static final Site SITE = new Site("Site", "", URI.create("https://library.example.org/"),
            URI.create("http://feeds.example.org"), "en", 50, 250, null);

    private static SourceStatus.Row row(String id, String state) {
        return new SourceStatus.Row(id, id, state, "https://example.org/" + id, null, null, 0, 0, null, List.of());
    }

    @Test
    void countsOnlySourcesThatNeedAttentionAsNotOk() {
        String html = StatusPage.write(SITE, List.of(row("a", "ok"), row("b", "not-modified"), row("c", "new"),
                row("d", "failing"), row("e", "backing-off"), row("f", "gone")), null);

        assertThat(Jsoup.parse(html).selectFirst("p.summary").text()).startsWith("6 sources, 3 not ok.");
    }

    private static SourceStatus.Row held(String id, int held) {
        return new SourceStatus.Row(id, id, "ok", "https://example.org/" + id, null, null, 0, 5, null, List.of(),
                null, null, null, 0, held);
    }

    @Test
    void saysHowManyItemsWaitForAnEditorAndWhichSourceHoldsThem() {
        Document doc = Jsoup.parse(StatusPage.write(SITE, List.of(held("a", 2), held("b", 0), held("c", 1)), null));

        assertThat(doc.selectFirst("p.summary").text())
                .startsWith("3 sources, 0 not ok, 3 items wait for an editor's approval (GET /admin/pending).");
        int column = doc.select("thead th").eachText().indexOf("Held");
        assertThat(column).isPositive();
        assertThat(doc.select("tbody tr").eachText()).hasSize(3);
        assertThat(doc.select("tbody tr").stream().map(tr -> tr.child(column).text()).toList())
                .containsExactly("2", "0", "1");
    }

    @Test
    void saysNothingOfApprovalWhenNothingIsHeld() {
        String html = StatusPage.write(SITE, List.of(held("a", 0)), null);

        assertThat(Jsoup.parse(html).selectFirst("p.summary").text()).startsWith("1 sources, 0 not ok.")
                .doesNotContain("approval");
    }
}
