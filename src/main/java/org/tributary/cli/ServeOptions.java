package org.tributary.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.tributary.config.Config;
import org.tributary.config.Source;

/**
 * What serve is asked for on its command line and in its environment.
 *
 * @param configFile the feeds.yml that is watched for changes
 * @param initial    the config read from it at start
 * @param dataDir    the data directory (absolute)
 * @param threads    sources refreshed at the same time
 * @param testEvery  for tests only: every source refreshes at this interval; null for each source's own `every`
 */
record ServeOptions(Path configFile, Config initial, Path dataDir, Environment environment, String host, int port,
                    int threads, Duration testEvery) {

    ServeOptions {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(environment, "environment");
    }

    /** The sources as scheduled: as configured, or all at the hidden test interval. */
    List<Source> scheduled(Config config) {
        if (testEvery == null) return config.sources();
        return config.sources().stream().map(s -> new Source(s.id(), s.title(), s.url(), s.home(), s.kind(), s.type(),
                s.topics(), testEvery, s.owner(), s.rules(), s.fetchOptions(), s.itemOptions())).toList();
    }

    /** A minute (feeds.yml's shortest `every`), or the test interval when shorter: see SourceScheduler.clustered. */
    Duration misfireThreshold() {
        Duration minute = Duration.ofMinutes(1);
        return testEvery != null && testEvery.compareTo(minute) < 0 ? testEvery : minute;
    }
}
