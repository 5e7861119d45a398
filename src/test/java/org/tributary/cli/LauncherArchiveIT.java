package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;

/**
 * The release launcher's JVM options and its class archive (AppCDS): made by the first export or refresh, mapped by
 * the runs after it, and harmless when it is missing, corrupt or made for another place: the command's output is
 * the same, with no word about the archive.
 */
class LauncherArchiveIT {

    @TempDir
    Path unpacked;

    @TempDir
    Path dir;

    private Path home;
    private Path config;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("tributary.dist", "target/tributary-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(archive).as("mvn package builds it").isRegularFile();
        Program.Result tar = Program.run(new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(),
                "-C", unpacked.toString()));
        assertThat(tar.exit()).as(tar.err()).isZero();
        try (var entries = Files.list(unpacked)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("tributary-")).findFirst().orElseThrow();
        }
        config = dir.resolve("feeds.yml");
        try (PartnerServer partners = new PartnerServer()) {
            Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m"));
        }
    }

    private Program.Result run(Path installation, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder b = new ProcessBuilder(installation.resolve("bin/tributary").toString());
        b.command().addAll(List.of("--config", config.toString(), "--data", dir.resolve("data").toString()));
        b.command().addAll(List.of(args));
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().remove("TRIBUTARY_DB_URL");
        b.environment().remove("JAVA_OPTS");
        b.environment().remove("TRIBUTARY_CDS");
        b.environment().putAll(env);
        b.directory(dir.toFile());
        return Program.run(b);
    }

    private Path jsa(Path installation) {
        return installation.resolve("lib/tributary.jsa");
    }

    @Test
    void theFirstExportMakesTheArchiveAndTheNextRunsLoadTheirClassesFromIt() throws Exception {
        assertThat(jsa(home)).doesNotExist();
        Program.Result version = run(home, Map.of(), "version");
        assertThat(version.exit()).isZero();
        assertThat(jsa(home)).as("version loads too few classes to be worth an archive").doesNotExist();

        Program.Result first = run(home, Map.of(), "export", "--out", dir.resolve("out").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(jsa(home)).isRegularFile();
        assertThat(Files.size(jsa(home))).isGreaterThan(1_000_000);
        assertThat(home.resolve("lib/tributary.jsa.stamp")).isRegularFile();

        Program.Result loaded = run(home, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "version");
        assertThat(loaded.exit()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("org.tributary.cli.Main source: shared objects file (top)");
        assertThat(loaded.out()).contains(version.out());

        Program.Result without = run(home, Map.of("TRIBUTARY_CDS", "off", "JAVA_OPTS", "-Xlog:class+load=info"),
                "version");
        assertThat(without.out()).doesNotContain("shared objects file (top)").contains(version.out());
    }

    @Test
    void aCorruptArchiveChangesNothingButTheStartUp() throws Exception {
        Program.Result made = run(home, Map.of(), "export", "--out", dir.resolve("out").toString());
        assertThat(made.exit()).as(made.err()).isZero();
        Program.Result clean = run(home, Map.of("TRIBUTARY_CDS", "off"), "status");
        byte[] garbage = new byte[4096];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        Files.write(jsa(home), garbage);

        Program.Result status = run(home, Map.of(), "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo(clean.out());
        assertThat(status.err()).doesNotContainIgnoringCase("archive").doesNotContainIgnoringCase("cds");
    }

    @Test
    void aMovedInstallationRunsWithoutTheStaleArchiveAndItsNextExportMakesANewOne() throws Exception {
        Program.Result made = run(home, Map.of(), "export", "--out", dir.resolve("out").toString());
        assertThat(made.exit()).as(made.err()).isZero();
        String oldStamp = Files.readString(home.resolve("lib/tributary.jsa.stamp"));
        Path moved = unpacked.resolve("moved");
        Program.Result mv = Program.run(new ProcessBuilder("mv", home.toString(), moved.toString()));
        assertThat(mv.exit()).as(mv.err()).isZero();

        Program.Result version = run(moved, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).contains("Tributary ").doesNotContain("shared objects file (top)");
        assertThat(version.err()).isEmpty();

        Program.Result export = run(moved, Map.of(), "export", "--out", dir.resolve("out2").toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(moved.resolve("lib/tributary.jsa.stamp"))).isNotEqualTo(oldStamp);
        Program.Result loaded = run(moved, Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "version");
        assertThat(loaded.out()).contains("org.tributary.cli.Main source: shared objects file (top)");
    }

    @Test
    void serveGetsBothCompilersAndTheOtherCommandsC1AllWithTheSerialCollectorAndABoundedHeap() throws Exception {
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "TRIBUTARY_CDS", "off");
        Program.Result serve = run(home, flags, "serve", "--help");
        assertThat(serve.out()).contains("-XX:+UseSerialGC").contains("-XX:MaxHeapSize=167772160")
                .doesNotContain("TieredStopAtLevel");
        Program.Result status = run(home, flags, "status");
        assertThat(status.out()).contains("-XX:+UseSerialGC").contains("-XX:MaxHeapSize=134217728")
                .contains("-XX:TieredStopAtLevel=1");
        Program.Result mine = run(home, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx300m",
                "TRIBUTARY_CDS", "off"), "status");
        assertThat(mine.out()).as("JAVA_OPTS come last and win").contains("-XX:MaxHeapSize=314572800");
    }
}
