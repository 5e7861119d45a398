package org.tributary.config;

import java.net.URI;
import java.util.Objects;

/** A topic page: its id appears in URLs (/topics/{id}). image may be null. */
public record Topic(String id, String title, String description, Image image) {

    public Topic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
    }

    /** A topic's header image and its credit line ("Photo: jenlen, CC BY-NC-ND 2.0"); credit may be empty. */
    public record Image(URI url, String credit) {
        public Image {
            Objects.requireNonNull(url, "url");
            credit = credit == null ? "" : credit;
        }
    }
}
