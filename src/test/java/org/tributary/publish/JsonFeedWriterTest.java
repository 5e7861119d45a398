package org.tributary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.publish.Fixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class JsonFeedWriterTest {

    private final Publisher publisher = new Publisher();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode parsed(FeedView view) throws Exception {
        return mapper.readTree(publisher.jsonFeed(view));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void topLevelHasTheJsonFeed11Fields() throws Exception {
        JsonNode feed = parsed(merged());

        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asText()).isEqualTo("Most Recently Added");
        assertThat(feed.path("home_page_url").asText()).isEqualTo("https://library.example.org/");
        assertThat(feed.path("feed_url").asText()).isEqualTo("http://localhost:8080/feed.json");
        assertThat(feed.path("description").asText()).isEqualTo("News and webinars from our partner libraries");
        assertThat(feed.path("language").asText()).isEqualTo("en");
        assertThat(feed.path("hubs").get(0).path("url").asText()).isEqualTo("https://hub.example.org/");
    }

    @Test
    void itemsAreInTheStoresOrderWithOurIds() throws Exception {
        JsonNode items = parsed(merged()).path("items");

        assertThat(items).extracting(i -> i.path("id").asText())
                .containsExactly("urn:tributary:pl-hostile", "urn:tributary:pl-webinar", "urn:tributary:gone-1");
    }

    @Test
    void anItemCarriesEveryField() throws Exception {
        JsonNode webinar = parsed(merged()).path("items").get(1);

        assertThat(webinar.path("url").asText()).isEqualTo(WEBINAR_LINK);
        assertThat(webinar.path("title").asText()).isEqualTo(WEBINAR_TITLE);
        assertThat(webinar.path("summary").asText()).startsWith("This webinar presents tools");
        assertThat(webinar.path("content_html").asText())
                .isEqualTo("<p>This webinar presents tools, methodologies and strategies.</p>");
        assertThat(webinar.path("image").asText()).isEqualTo(WEBINAR_IMAGE);
        assertThat(webinar.path("date_published").asText()).isEqualTo("2019-06-11T15:30:00Z");
        assertThat(webinar.path("date_modified").asText()).isEqualTo("2019-06-12T08:00:00Z");
        assertThat(texts(webinar.path("tags"))).containsExactly("Webinar", "Community");
        assertThat(webinar.path("authors")).extracting(a -> a.path("name").asText()).containsExactly("Jane Doe", "Sam Roe");
        JsonNode ours = webinar.path("_tributary");
        assertThat(ours.path("type").asText()).isEqualTo("Webinar");
        assertThat(ours.path("source").path("id").asText()).isEqualTo("programming-librarian");
        assertThat(ours.path("source").path("title").asText()).isEqualTo("Programming Librarian");
        assertThat(ours.path("source").path("url").asText()).isEqualTo("https://programminglibrarian.org/feed");
        assertThat(ours.path("source").path("home").asText()).isEqualTo("https://programminglibrarian.org/");
    }

    @Test
    void hostileTextIsPlainDataAndIllegalCharactersAreDropped() throws Exception {
        JsonNode hostile = parsed(merged()).path("items").get(0);

        assertThat(hostile.path("title").asText()).isEqualTo(HOSTILE_TITLE);
        assertThat(hostile.path("summary").asText()).isEqualTo("Ends the CDATA ]]> early and reads " + EMOJI + " books");
        assertThat(hostile.has("url")).as("no link, no url key").isFalse();
        assertThat(hostile.has("image")).isFalse();
    }

    @Test
    void everyItemHasContentHtmlOrContentTextAsTheSpecRequires() throws Exception {
        JsonNode orphan = parsed(merged()).path("items").get(2);

        assertThat(orphan.has("content_html")).isFalse();
        assertThat(orphan.path("content_text").asText()).isEqualTo("Librarian Recommended blogger shares her experience.");
        assertThat(orphan.path("_tributary").path("source").path("id").asText()).isEqualTo("gone");
    }

    @Test
    void topicFeedUrlIsTheTopicsOwn() throws Exception {
        JsonNode feed = parsed(topic());

        assertThat(feed.path("feed_url").asText()).isEqualTo("http://localhost:8080/topics/partnerships/feed.json");
        assertThat(feed.path("home_page_url").asText()).isEqualTo("http://localhost:8080/topics/partnerships");
        assertThat(feed.path("items")).hasSize(2);
    }
}
