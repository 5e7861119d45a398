package org.tributary.publish;

import java.util.List;
import java.util.Objects;
import org.tributary.config.Site;
import org.tributary.config.Source;
import org.tributary.config.Topic;

/**
 * The publish stage's one entry point: a {@link FeedView} in, a document out, always as a String to be sent
 * as UTF-8. Pure: no I/O, no clock, no state between calls, safe to share between threads. Rome, Jackson and
 * jsoup types never appear in this API.
 */
public final class Publisher {

    private final AtomWriter atom = new AtomWriter();
    private final RssWriter rss = new RssWriter();

    public Publisher() {
    }

    /** Atom 1.0, served as {@code application/atom+xml}. */
    public String atom(FeedView view) {
        return atom.write(Objects.requireNonNull(view, "view"));
    }

    /** RSS 2.0, served as {@code application/rss+xml}. */
    public String rss(FeedView view) {
        return rss.write(Objects.requireNonNull(view, "view"));
    }
}
