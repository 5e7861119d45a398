package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.tributary.config.Site;

class StatusPageTest {

    private static final Site SITE = Site.builder("Site", URI.create("https://library.example.org/"),
            URI.create("http://feeds.example.org")).build();

    private static SourceStatus.Row row(String id, String state) {
        return new SourceStatus.Row(id, id, state, "https://example.org/" + id, null, null, 0, 0, null, List.of());
    }

    @Test
    void countsOnlySourcesThatNeedAttentionAsNotOk() {
        String html = StatusPage.write(SITE, List.of(row("a", "ok"), row("b", "not-modified"), row("c", "new"),
                row("d", "failing"), row("e", "backing-off"), row("f", "gone")), null);

        assertThat(Jsoup.parse(html).selectFirst("p.summary").text()).startsWith("6 sources, 3 not ok.");
    }

    @Test
    void theStatusPageHasThePagesIconUnderTheBasePath() {
        Site site = Site.builder("Site", URI.create("https://library.example.org/"),
                URI.create("https://library.example.org/news")).build();
        Document doc = Jsoup.parse(StatusPage.write(site, List.of(row("a", "ok")), null));

        assertThat(doc.select("head link[rel=icon]").eachAttr("href"))
                .containsExactly("/news/assets/icon.svg", "/news/assets/icon.png");
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

    private static List<SourceStatus.Row> everyState() {
        return java.util.stream.Stream.of("new", "ok", "not-modified", "failing", "backing-off", "rate-limited", "moved",
                "gone").map(state -> new SourceStatus.Row("s-" + state, "Partner " + state, state,
                        "https://example.org/" + state, java.time.Instant.parse("2026-12-01T10:00:00Z"),
                        state.equals("ok") ? null : "HTTP 500 from the server", 2, 7, null, List.of("Uncategorised"),
                        null, null, null, 0, 1)).toList();
    }

    private static org.tributary.config.LiveConfig refused() {
        org.tributary.config.Config config;
        try {
            config = new org.tributary.config.ConfigLoader().parse("feeds.yml", WebFixture.yaml(null));
        } catch (org.tributary.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
        org.tributary.config.LiveConfig live = new org.tributary.config.LiveConfig(config,
                java.time.Instant.parse("2026-12-01T09:00:00Z"));
        live.refuse(List.of(new org.tributary.config.ConfigError("feeds.yml", 3, 5, "site.title", "required")),
                java.time.Instant.parse("2026-12-01T10:00:00Z"));
        return live;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"es", "fr", "de"})
    void theStatusPageInEachBundledLanguageHasNoEnglishLeftButWhatServersSaid(String language) {
        org.tributary.publish.Messages words = org.tributary.publish.Messages.forLanguage(language);
        String html = StatusPage.write(SITE, words, everyState(), refused(), DISK_FULL);

        assertThat(Jsoup.parse(html).select("html").attr("lang")).isEqualTo(language);
        // The source names and ids, what servers answered and the categories are theirs, not our words.
        assertThat(org.tributary.testing.EnglishLeft.in(html, words, List.of("status."), "tbody td:eq(3), tbody td:eq(8), tbody th"))
                .as(html).isEmpty();
        assertThat(org.tributary.testing.EnglishLeft.in(StatusPage.write(SITE, org.tributary.publish.Messages.english(),
                everyState(), refused(), DISK_FULL), words, List.of("status."), "tbody td:eq(3), tbody td:eq(8), tbody th"))
                .as("English finds English").contains("status.store.reason.disk-full: \"disk full: the database cannot write\"",
                        "status.store.explain: \"The last published documents are served from memory and the sources "
                                + "shown as last read; it recovers by itself when the cause is gone; see the log (lines "
                                + "starting \"store:\").\"");
    }

    private static final org.tributary.store.StoreFailures.Failure DISK_FULL = new org.tributary.store.StoreFailures.Failure(
            java.time.Instant.parse("2026-12-01T10:30:00Z"), "disk full: the database cannot write", "No space left on device");

    @Test
    void theStoreFailureBoxSaysSinceWhenAndWhatKindInThePagesLanguage() {
        Document english = Jsoup.parse(StatusPage.write(SITE, org.tributary.publish.Messages.english(), everyState(),
                null, DISK_FULL));
        assertThat(english.select("section.store-failing h2").text())
                .isEqualTo("The store fails since 2026-12-01 10:30:00Z: disk full: the database cannot write");
        Document german = Jsoup.parse(StatusPage.write(SITE, org.tributary.publish.Messages.forLanguage("de"),
                everyState(), null, DISK_FULL));
        assertThat(german.select("section.store-failing h2").text())
                .isEqualTo("Der Speicher ist gestört seit 2026-12-01 10:30:00Z: Festplatte voll: die Datenbank kann nicht schreiben");
        // A kind no bundle names yet is shown as /status says it rather than dropped.
        Document unknown = Jsoup.parse(StatusPage.write(SITE, org.tributary.publish.Messages.forLanguage("de"),
                everyState(), null, new org.tributary.store.StoreFailures.Failure(DISK_FULL.since(), "tape jammed", "x")));
        assertThat(unknown.select("section.store-failing h2").text()).endsWith(": tape jammed");
    }

    @Test
    void theGermanPageNamesEveryStateInGerman() {
        Document doc = Jsoup.parse(StatusPage.write(SITE, org.tributary.publish.Messages.forLanguage("de"),
                everyState(), null, null));

        assertThat(doc.select("tbody td:eq(1)").eachText()).containsExactly("neu", "in Ordnung", "unverändert",
                "fehlerhaft", "pausiert", "gedrosselt", "umgezogen", "entfernt");
        assertThat(doc.select("h1").text()).isEqualTo("Zustand: Site");
        assertThat(doc.selectFirst("p.summary").text()).startsWith("8 Quellen, 5 mit Fehlern, 8 Einträge warten");
    }
}
