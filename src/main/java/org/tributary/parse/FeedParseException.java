package org.tributary.parse;

/** The document is not a feed we can read. The message is one line for people ("not a feed: HTML page"). */
public final class FeedParseException extends Exception {
    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
