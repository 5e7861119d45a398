package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.Http;
import org.tributary.testing.PartnerServer;
import org.tributary.testing.Required;

/**
 * A store on a real file system that refuses writes, against the packaged serve: a small tmpfs filled to the last
 * byte while serving, and a read-only bind mount of the data directory at start. Needs mount(8) and the right to
 * mount (root, as in CI); without them it fails saying so.
 */
class StoreFailureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
        Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m"));
        mount = Files.createDirectory(dir.resolve("mnt"));
    }

    @AfterEach
    void tearDown() throws Exception {
        partners.close();
        if (mounted) sh("umount", "-l", mount.toString());
    }

    private static int sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private void mountOrSkip(String... command) throws Exception {
        mounted = sh(command) == 0;
        Required.present(mounted, "mounting a file system for the test (" + String.join(" ", command)
                + ") needs mount(8) and root");
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        return Http.get(url, headers);
    }

    /** Writes zeros until the file system says it is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) out.write(block);
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    @Test
    void aFullDiskKeepsTheFeedsServedTurnsHealthTo503SaysWhyAndRecoversWhenSpaceIsFreed() throws Exception {
        mountOrSkip("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString());
        Path data = mount.resolve("data");
        try (Program serve = Program.serve(config, data, java.util.Map.of(), "--test-every", "PT2S")) {
            Http.awaitPublished(serve.url("/status"), WAIT);
            String atom = get(serve.url("/feed.atom")).body();
            assertThat(get(serve.url("/health")).statusCode()).isEqualTo(200);

            Path filler = mount.resolve("filler");
            fill(filler);

            await().atMost(WAIT).until(() -> get(serve.url("/health")).statusCode() == 503);
            assertThat(get(serve.url("/health")).body()).contains("disk full");
            // The feed that was published stays published, from memory.
            HttpResponse<String> feed = get(serve.url("/feed.atom"));
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.body()).isEqualTo(atom);
            JsonNode status = JSON.readTree(get(serve.url("/status")).body());
            assertThat(status.path("store").path("state").asText()).isEqualTo("failing");
            assertThat(status.path("store").path("reason").asText()).contains("disk full");
            assertThat(status.path("sources").size()).isEqualTo(3);
            HttpResponse<String> page = get(serve.url("/status.html"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("The store fails since").contains("disk full");
            // The public pages never name the data directory.
            assertThat(status.toString()).doesNotContain(mount.toString());
            assertThat(page.body()).doesNotContain(mount.toString());
            // Refreshes keep failing every 2 s; the log says so once (then once a minute), without stack traces.
            Thread.sleep(6_000);
            String log = serve.stderr();
            assertThat(log.lines().filter(l -> l.contains("store: failing")).count()).isEqualTo(1);
            assertThat(log).contains("No space left on device");
            assertThat(log).doesNotContain("\tat org.h2").doesNotContain("marked as broken");
            assertThat(Files.exists(data.resolve("tributary.trace.db"))).isFalse();

            Files.delete(filler);

            await().atMost(WAIT).until(() -> get(serve.url("/health")).statusCode() == 200);
            assertThat(JSON.readTree(get(serve.url("/status")).body()).path("store").path("state").asText())
                    .isEqualTo("ok");
            assertThat(serve.stderr()).contains("store: recovered");
            // Writes reach the store again: a new item from a partner is published without a restart.
            partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS).replaceFirst("<item>",
                    "<item><title>After the disk was freed</title><link>https://example.org/freed</link>"
                            + "<guid>freed-1</guid></item><item>"));
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).body().contains("After the disk was freed"));
            assertThat(serve.terminate()).isZero();
        }
    }

    /** Runs a command that must succeed, for the test's own set-up. */
    private static String must(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) throw new IllegalStateException(String.join(" ", command) + ": exit " + exit + ": " + out);
        return out.strip();
    }

    /** Refreshes not done because the store failed, as /metrics counts them. */
    private static double storeFailedRefreshes(Program serve) throws Exception {
        return get(serve.url("/metrics")).body().lines().filter(l -> l.startsWith("tributary_store_failures_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * The file system under the data directory turns read-only while serving, as ext4 does after an I/O error
     * (errors=remount-ro): the kernel's own switch for it (/sys/fs/ext4/DEV/trigger_fs_error) flips a loop-mounted
     * ext4 image. (A read-only remount of a bind mount is refused while H2 holds its file open for writing: EBUSY.)
     * The operator's way back is the real one too: unmount, fsck, mount again, and the same process writes again.
     */
    @Test
    void aDataDirectoryThatTurnsReadOnlyWhileServingKeepsTheFeedsServedAndRecoversWhenMountedAgain()
            throws Exception {
        Path image = dir.resolve("data.img");
        String mkfs = Required.program("mkfs.ext4 (Debian package e2fsprogs)", "mkfs.ext4").toString();
        String fsck = Required.program("e2fsck (Debian package e2fsprogs)", "e2fsck").toString();
        must("truncate", "-s", "64M", image.toString());
        must(mkfs, "-q", image.toString());
        mountOrSkip("mount", "-o", "loop,errors=remount-ro", image.toString(), mount.toString());
        String device = Path.of(must("findmnt", "-n", "-o", "SOURCE", mount.toString())).getFileName().toString();
        Path trigger = Path.of("/sys/fs/ext4", device, "trigger_fs_error");
        Required.present(Files.exists(trigger), "the kernel's ext4 error trigger " + trigger);
        Path data = mount.resolve("data");
        try (Program serve = Program.serve(config, data, java.util.Map.of(), "--test-every", "PT2S")) {
            Http.awaitPublished(serve.url("/status"), WAIT);
            HttpResponse<String> before = get(serve.url("/feed.atom"));
            String etag = before.headers().firstValue("ETag").orElseThrow();
            assertThat(get(serve.url("/health")).statusCode()).isEqualTo(200);
            int logBefore = serve.stderr().length();

            // What was written so far reaches the disk first: the error trigger drops dirty pages, and a file whose
            // blocks were never allocated comes back empty after fsck, which is a lost disk, not this test's case.
            must("sync", "-f", data.resolve("tributary.mv.db").toString());
            Files.writeString(trigger, "test: the data directory turns read-only");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Files.createFile(data.resolve("probe")))
                    .as("read-only now").hasMessageContaining("Read-only file system");

            await().atMost(WAIT).until(() -> get(serve.url("/health")).statusCode() == 503);
            assertThat(get(serve.url("/health")).body()).contains("read-only");
            HttpResponse<String> feed = get(serve.url("/feed.atom"));
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.body()).isEqualTo(before.body());
            assertThat(get(serve.url("/feed.atom"), "If-None-Match", etag).statusCode()).isEqualTo(304);
            JsonNode status = JSON.readTree(get(serve.url("/status")).body());
            assertThat(status.path("store").path("state").asText()).isEqualTo("failing");
            assertThat(status.path("store").path("reason").asText()).startsWith("read-only");
            assertThat(status.path("sources").size()).isEqualTo(3);
            HttpResponse<String> page = get(serve.url("/status.html"));
            assertThat(page.body()).contains("The store fails since").contains("read-only");
            assertThat(status.toString()).doesNotContain(mount.toString());
            assertThat(page.body()).doesNotContain(mount.toString());
            // Refreshes go on every 2 s and each meets the read-only store: one line in the log, no trace.
            double failed = storeFailedRefreshes(serve);
            await().atMost(WAIT).until(() -> storeFailedRefreshes(serve) >= failed + 3);
            String during = serve.stderr().substring(logBefore);
            assertThat(during.lines().filter(l -> l.contains("store: failing")).count()).as(during).isEqualTo(1);
            assertThat(during).as("no stack trace while the store fails").doesNotContain("\tat ");

            // Unmount (once H2 has let go of its file), check, mount again: the same process writes again.
            await().atMost(WAIT).until(() -> sh("umount", mount.toString()) == 0);
            mounted = false;
            sh(fsck, "-fy", image.toString());   // exit 1: errors corrected, as after a real I/O error
            mountOrSkip("mount", "-o", "loop,errors=remount-ro", image.toString(), mount.toString());

            try {
                await().atMost(WAIT).until(() -> get(serve.url("/health")).statusCode() == 200);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no recovery after the remount; the log:\n" + serve.stderr(), e);
            }
            assertThat(JSON.readTree(get(serve.url("/status")).body()).path("store").path("state").asText())
                    .isEqualTo("ok");
            assertThat(serve.stderr()).contains("store: recovered");
            partners.serve(PartnerServer.RSS, PartnerServer.fixture(PartnerServer.RSS).replaceFirst("<item>",
                    "<item><title>After the remount</title><link>https://example.org/remount</link>"
                            + "<guid>remount-1</guid></item><item>"));
            await().atMost(WAIT).until(() -> get(serve.url("/feed.atom")).body().contains("After the remount"));
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aStartOnAReadOnlyDataDirectoryExitsWithOneLineNamingThePath() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Program.Result init = Program.run("--config", config.toString(), "--data", data.toString(), "status");
        assertThat(init.exit()).isZero();
        mountOrSkip("mount", "--bind", "-o", "ro", data.toString(), mount.toString());
        // An older kernel ignores ro on the first bind: remount makes sure.
        sh("mount", "-o", "remount,bind,ro", mount.toString());
        Required.present(!Files.isWritable(mount), "a read-only bind mount");

        for (List<String> command : List.of(List.of("serve", "--port", "0", "--host", "127.0.0.1"),
                List.of("status"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--config", config.toString(), "--data",
                    mount.toString()));
            args.addAll(command);
            Program.Result r = Program.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(command.get(0)).isEqualTo(3);
            assertThat(r.err().strip().lines().toList()).as(command.get(0)).hasSize(1);
            assertThat(r.err()).contains(mount.toString()).contains("permission denied").doesNotContain("\tat ");
        }
    }
}
