package org.tributary.normalize;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.tributary.config.Rule;
import org.tributary.config.Source;

/** Sources for tests: a News partner with one topic and the given rules. */
final class TestSources {

    private TestSources() {}

    static Source source(String id, Rule... rules) {
        return new Source(id, "Source " + id, URI.create("https://" + id + ".example.org/feed"), null,
                Source.Kind.PARTNER, "News", List.of("partnerships"), Duration.ofMinutes(30), null, List.of(rules));
    }
}
