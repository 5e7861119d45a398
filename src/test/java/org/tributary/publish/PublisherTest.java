package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.publish.Fixtures.merged;

import org.junit.jupiter.api.Test;

class PublisherTest {

    private final Publisher publisher = new Publisher();

    @Test
    void feedByFormatGivesTheSameDocumentAsTheNamedMethod() {
        assertThat(publisher.feed(merged(), FeedFormat.ATOM)).isEqualTo(publisher.atom(merged()));
        assertThat(publisher.feed(merged(), FeedFormat.RSS)).isEqualTo(publisher.rss(merged()));
        assertThat(publisher.feed(merged(), FeedFormat.JSON)).isEqualTo(publisher.jsonFeed(merged()));
    }

    @Test
    void sameViewGivesTheSameBytesSoEtagsOnlyChangeWithContent() {
        assertThat(new Publisher().atom(merged())).isEqualTo(publisher.atom(merged()));
        assertThat(new Publisher().rss(merged())).isEqualTo(publisher.rss(merged()));
        assertThat(new Publisher().jsonFeed(merged())).isEqualTo(publisher.jsonFeed(merged()));
        assertThat(new Publisher().html(merged())).isEqualTo(publisher.html(merged()));
    }

    @Test
    void mediaTypesAreTheRegisteredOnes() {
        assertThat(FeedFormat.ATOM.mediaType()).isEqualTo("application/atom+xml");
        assertThat(FeedFormat.RSS.mediaType()).isEqualTo("application/rss+xml");
        assertThat(FeedFormat.JSON.mediaType()).isEqualTo("application/feed+json");
    }
}
