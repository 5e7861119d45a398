package org.tributary.publish;

/** The three feed formats we publish for every view; the extension is the last segment of the feed's path. */
public enum FeedFormat {
    ATOM("atom", "application/atom+xml", "Atom"),
    RSS("rss", "application/rss+xml", "RSS"),
    JSON("json", "application/feed+json", "JSON Feed");

    private final String extension;
    private final String mediaType;
    private final String label;

    FeedFormat(String extension, String mediaType, String label) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.label = label;
    }

    /** "atom", "rss" or "json", as in /feed.atom. */
    public String extension() {
        return extension;
    }

    /** The media type without charset; the documents are always UTF-8. */
    public String mediaType() {
        return mediaType;
    }

    /** A name for people: link titles, footers. */
    public String label() {
        return label;
    }
}
