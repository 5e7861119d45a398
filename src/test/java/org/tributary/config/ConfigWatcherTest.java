package org.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a real file in a real directory: edits, renames over it, refusals and the debounce. */
class ConfigWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private Path file;
    private LiveConfig live;
    private final List<Config> applied = new CopyOnWriteArrayList<>();
    private ConfigWatcher watcher;

    private static String yml(String... ids) {
        StringBuilder b = new StringBuilder("""
                site: { title: T, link: "https://library.example.org/", base_url: "http://localhost:8080" }
                sources:
                """);
        for (String id : ids) b.append("  - { id: ").append(id).append(", title: ").append(id)
                .append(", url: \"https://").append(id).append(".example.org/feed\" }\n");
        return b.toString();
    }

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("feeds.yml");
        Files.writeString(file, yml("a", "b"));
        live = new LiveConfig(new ConfigLoader().load(file), Instant.EPOCH);
        watcher = new ConfigWatcher(file, live, applied::add, InstantSource.system(), QUIET);
        watcher.start();
    }

    @AfterEach
    void tearDown() {
        watcher.close();
    }

    private List<String> ids() {
        return live.get().sources().stream().map(Source::id).toList();
    }

    @Test
    void anEditedFileIsAppliedAndHandedToTheListener() throws Exception {
        Files.writeString(file, yml("a", "c", "d"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids().equals(List.of("a", "c", "d")));
        // The watcher replaces the live config, logs, then calls the listener: wait for the call, then count.
        await().atMost(Duration.ofSeconds(30)).until(() -> !applied.isEmpty());
        assertThat(applied).hasSize(1);
        assertThat(live.refusal()).isEmpty();
    }

    @Test
    void aFileRenamedOverTheOldOneIsApplied() throws Exception {
        Path temp = dir.resolve(".feeds.yml.tmp");
        Files.writeString(temp, yml("z"));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids().equals(List.of("z")));
    }

    @Test
    void anInvalidFileIsRefusedAndTheLastGoodConfigStays() throws Exception {
        Files.writeString(file, yml("a", "b") + "  - { id: a, title: dup, url: \"ftp://x\" }\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> live.refusal().isPresent());
        assertThat(ids()).containsExactly("a", "b");
        assertThat(applied).isEmpty();
        assertThat(live.refusal().orElseThrow().errors()).extracting(ConfigError::toString)
                .anySatisfy(e -> assertThat(e).contains("feeds.yml:5:").contains("sources[2]"));

        Files.writeString(file, yml("b"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids().equals(List.of("b")));
        assertThat(live.refusal()).as("a good file clears the refusal").isEmpty();
    }

    @Test
    void manyRequestsWithinTheQuietTimeMakeOneReload() throws Exception {
        watcher.close(); // no file events: only the requests below
        watcher = new ConfigWatcher(file, live, applied::add, InstantSource.system(), QUIET);
        Files.writeString(file, yml("x"));
        for (int i = 0; i < 10; i++) watcher.requestReload(Duration.ofSeconds(1), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids().equals(List.of("x")));
        Thread.sleep(1500); // long enough for a second reload, had the requests not been merged
        assertThat(applied).hasSize(1);
    }

    @Test
    void anUnchangedFileIsNotReappliedUnlessForced() {
        assertThat(watcher.reload(false)).isFalse();
        assertThat(watcher.reload(true)).isTrue();
        assertThat(applied).hasSize(1);
    }

    @Test
    void aMissingFileKeepsTheConfig() throws Exception {
        Files.delete(file);
        assertThat(watcher.reload(true)).isFalse();
        assertThat(ids()).containsExactly("a", "b");
    }
}
