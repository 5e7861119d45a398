package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.publish.Fixtures.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedViewTest {

    @Test
    void latestChangeCountsAnItemEditedInPlaceAndDropsSubSeconds() {
        assertThat(FeedView.latestChange(List.of(ORPHAN, WEBINAR)))
                .contains(Instant.parse("2019-06-12T08:00:00Z"));
    }

    @Test
    void anEmptyViewIsDatedByTheCallersTimeNeverTheEpoch() {
        assertThat(FeedView.latestChange(List.of())).isEmpty();
        assertThat(FeedView.merged(SITE, TOPICS, "", List.of(), Map.of(), RENDERED.plusMillis(250)).updated())
                .isEqualTo(RENDERED);
        assertThat(FeedView.ofTopic(SITE, PARTNERSHIPS, TOPICS, "", List.of(), Map.of(), RENDERED).updated())
                .isEqualTo(RENDERED);
        assertThat(FeedView.merged(SITE, TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED).updated())
                .isEqualTo(FeedView.latestChange(ITEMS).orElseThrow());
    }

    @Test
    void mergedViewUsesTheSitesTitleAndRootPaths() {
        FeedView view = FeedView.merged(SITE, TOPICS, "type=News", ITEMS, SOURCES_BY_ID, RENDERED);

        assertThat(view.title()).isEqualTo("Most Recently Added");
        assertThat(view.feedUrl(FeedFormat.RSS)).isEqualTo("http://localhost:8080/feed.rss?type=News");
        assertThat(view.feedHref(FeedFormat.JSON)).isEqualTo("/feed.json?type=News");
        assertThat(view.homeUrl()).isEqualTo("https://library.example.org/");
        assertThat(view.updated()).isEqualTo(Instant.parse("2019-06-27T14:00:00Z"));
    }

    @Test
    void topicViewUsesTheTopicsPathsAndTitle() {
        FeedView view = topic();

        assertThat(view.title()).isEqualTo("Partnerships & collaboration — Most Recently Added");
        assertThat(view.feedUrl(FeedFormat.ATOM)).isEqualTo("http://localhost:8080/topics/partnerships/feed.atom");
        assertThat(view.homeUrl()).isEqualTo("http://localhost:8080/topics/partnerships");
    }

    @Test
    void baseUrlWithTrailingSlashGivesNoDoubleSlash() {
        FeedView view = FeedView.merged(SITE_WITHOUT_HUB, TOPICS, "", ITEMS, SOURCES_BY_ID, RENDERED);

        assertThat(view.feedUrl(FeedFormat.ATOM)).isEqualTo("http://localhost:8080/feed.atom");
    }

    @Test
    void rejectsAQueryWithItsQuestionMark() {
        assertThatThrownBy(() -> FeedView.merged(SITE, TOPICS, "?type=News", ITEMS, SOURCES_BY_ID, RENDERED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }

    @Test
    void rejectsAQueryThatIsNotUrlEncoded() {
        assertThatThrownBy(() -> FeedView.merged(SITE, TOPICS, "type=Big News", ITEMS, SOURCES_BY_ID, RENDERED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsRelativePaths() {
        assertThatThrownBy(() -> new FeedView(SITE, "t", "", null, TOPICS, "feed", "", "/", ITEMS, SOURCES_BY_ID,
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feedPath");
    }
}
