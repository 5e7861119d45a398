package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.publish.Fixtures.*;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.tributary.store.StoredItem;
import org.tributary.testing.Items;

class HtmlPageTest {

    private final Publisher publisher = new Publisher();

    private Document page(FeedView view) {
        return Jsoup.parse(publisher.html(view));
    }

    @Test
    void containsNoScriptAndShowsTheHostileTitleEscaped() {
        String html = publisher.html(merged());

        assertThat(html).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("\u0001").contains(EMOJI);
        assertThat(Jsoup.parse(html).select("article h2").first().text()).isEqualTo(HOSTILE_TITLE);
    }

    @Test
    void linksTheThreeFeedsOfTheSameViewForAutodiscovery() {
        List<Element> alternates = page(topic()).select("head link[rel=alternate]");

        assertThat(alternates).extracting(e -> e.attr("type"), e -> e.attr("href")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("application/atom+xml", "/topics/partnerships/feed.atom"),
                org.assertj.core.groups.Tuple.tuple("application/rss+xml", "/topics/partnerships/feed.rss"),
                org.assertj.core.groups.Tuple.tuple("application/feed+json", "/topics/partnerships/feed.json"));
    }

    @Test
    void showsTypeAndDateTheWayTheSeedPageDoes() {
        Document doc = page(merged());

        assertThat(doc.select("article .meta").eachText()).containsExactly(
                "Publish Date: News / 27 June 2019",
                "Publish Date: Webinar / 11 June 2019",
                "Publish Date: News / 23 May 2019");
    }

    @Test
    void linksTitlesToTheOriginalAndLeavesAnItemWithoutLinkUnlinked() {
        Document doc = page(merged());

        List<Element> headings = doc.select("article h2");
        assertThat(headings.get(0).select("a")).isEmpty();
        assertThat(headings.get(1).select("a").attr("href")).isEqualTo(WEBINAR_LINK);
        assertThat(headings.get(1).text()).isEqualTo(WEBINAR_TITLE);
    }

    @Test
    void showsExcerptAndSourceLinkedToItsHome() {
        Element webinar = page(merged()).select("article").get(1);

        assertThat(webinar.select(".excerpt").text()).startsWith("This webinar presents tools");
        assertThat(webinar.select(".source a").attr("href")).isEqualTo("https://programminglibrarian.org/");
        assertThat(webinar.select(".source").text()).isEqualTo("From Programming Librarian");
    }

    @Test
    void hasLangLandmarksOneH1AndAListOfArticles() {
        Document doc = page(merged());

        assertThat(doc.select("html").attr("lang")).isEqualTo("en");
        assertThat(doc.select("body > header")).hasSize(1);
        assertThat(doc.select("body > main")).hasSize(1);
        assertThat(doc.select("body > footer")).hasSize(1);
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("main ol > li > article")).hasSize(3);
        assertThat(doc.documentType().name()).isEqualTo("html");
    }

    @Test
    void withoutASiteIconThePageLinksTheBundledSvgAndPngUnderTheBaseUrlsPath() {
        org.tributary.config.Site site = org.tributary.config.Site.builder("Most Recently Added",
                URI.create("https://library.example.org/"), URI.create("https://library.example.org/news")).build();
        Document doc = page(FeedView.merged(site, TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED));

        assertThat(doc.select("head link[rel=icon]")).extracting(e -> e.attr("type") + " " + e.attr("href"))
                .containsExactly("image/svg+xml /news/assets/icon.svg", "image/png /news/assets/icon.png");
    }

    @Test
    void theSiteIconIsThePagesOnlyIcon() {
        FeedView view = FeedView.merged(SITE.toBuilder().icon(URI.create("https://library.example.org/logo.png"))
                .build(), TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED);

        assertThat(page(view).select("head link[rel=icon]")).extracting(e -> e.attr("href"))
                .containsExactly("https://library.example.org/logo.png");
    }

    @Test
    void usesOnlyTheExternalStylesheetAndNoInlineStyles() {
        Document doc = page(topic());

        assertThat(doc.select("link[rel=stylesheet]").attr("href")).isEqualTo("/assets/style.css");
        assertThat(doc.select("style, script, [style]")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e ->
                assertThat(e.attributes().asList()).noneMatch(a -> a.getKey().startsWith("on")));
    }

    @Test
    void topicPageShowsTopicTitleDescriptionImageCreditAndMarksItInTheNav() {
        Document doc = page(topic());

        assertThat(doc.select("h1").text()).isEqualTo("Partnerships & collaboration");
        assertThat(doc.select(".topic .lead").text()).startsWith("When the library builds partnerships");
        assertThat(doc.select(".topic figcaption").text()).isEqualTo("Photo: jenlen, CC BY-NC-ND 2.0");
        assertThat(doc.select(".recent h2").text()).isEqualTo("Most Recently Added");
        assertThat(doc.select("article h3")).hasSize(2);
        assertThat(doc.select("nav a[aria-current=page]").attr("href")).isEqualTo("/topics/partnerships");
    }

    @Test
    void navListsEveryTopic() {
        assertThat(page(merged()).select("nav li a")).extracting(e -> e.attr("href"))
                .containsExactly("/topics/partnerships", "/topics/engagement");
    }

    @Test
    void everyLinkIsHttpOrOurOwnPathEvenWhenAnItemCarriesAJavascriptLink() {
        StoredItem sneaky = new StoredItem(Items.item("wls", "hash:2").publicId("sneaky")
                .link(URI.create("javascript:alert(1)")).title("Sneaky").excerpt("x").published(ORPHAN_DATE).build(),
                ORPHAN_DATE, ORPHAN_DATE, ORPHAN_DATE);
        Document doc = page(FeedView.merged(SITE, TOPICS, "", List.of(sneaky, WEBINAR), SOURCES_BY_ID, RENDERED));

        assertThat(doc.select("[href], [src]")).allSatisfy(e -> {
            String url = e.hasAttr("href") ? e.attr("href") : e.attr("src");
            assertThat(url).matches("(https?://|/|#).*");
        });
        assertThat(doc.select("article h2").first().text()).isEqualTo("Sneaky");
    }

    @Test
    void anEmptyViewSaysSoAndShowsNoEpochDate() {
        String html = publisher.html(FeedView.merged(SITE, TOPICS, "", List.of(), SOURCES_BY_ID, RENDERED));

        assertThat(Jsoup.parse(html).select(".empty").text()).isEqualTo("Nothing has been added yet.");
        assertThat(html).doesNotContain("1970");
    }

    @Test
    void anEventsPageInTheMiddleOfItsPagesSpeaksOfLaterAndSoonerEvents() {
        Paging middle = new Paging(Paging.Ref.after("C2"), Paging.Ref.after("C3"), Paging.Ref.before("C1"), false);
        FeedView events = merged().withHtmlPath("/events").withPaging(middle);

        List<Element> links = page(events).select("nav.pages a");

        assertThat(links).extracting(Element::text, e -> e.attr("href")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Soonest", "/events"),
                org.assertj.core.groups.Tuple.tuple("← Sooner events", "/events?before=C1"),
                org.assertj.core.groups.Tuple.tuple("Later events →", "/events?after=C3"));
        // The same paging on the items page keeps the items' words; a topic named "events" is not an events page.
        assertThat(page(merged().withPaging(middle)).select("nav.pages a")).extracting(Element::text)
                .containsExactly("Newest", "← Newer", "Older →");
        assertThat(merged().withHtmlPath("/topics/events").eventsPage()).isFalse();
        assertThat(merged().withHtmlPath("/topics/events/events").eventsPage()).isTrue();
    }

    @Test
    void datesAreUtcDays() {
        Instant lateEvening = Instant.parse("2019-06-11T23:30:00-05:00");
        StoredItem late = new StoredItem(Items.item("wls", "hash:3").publicId("late").title("Late").excerpt("x")
                .type("Webinar").published(lateEvening).build(),
                lateEvening, lateEvening, lateEvening);

        assertThat(page(FeedView.merged(SITE, TOPICS, "", List.of(late), SOURCES_BY_ID, RENDERED)).select(".meta").text())
                .isEqualTo("Publish Date: Webinar / 12 June 2019");
    }

    @Test
    void stylesheetIsResponsiveAndDefinesAColourScheme() {
        assertThat(publisher.css()).contains("@media (prefers-color-scheme: dark)").contains("max-width")
                .doesNotContain("url(");
        assertThat(publisher.stylesheetPath()).isEqualTo("/assets/style.css");
    }
}
