package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;

/**
 * The release archive (target/tributary-VERSION.tar.gz) unpacked as an operator would, and run from its own
 * bin/tributary with nothing but a Java runtime: no Maven, no target/ on the class path.
 */
class DistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path unpacked;

    private static Path home;

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("tributary.dist", "target/tributary-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(archive).as("mvn package builds it").isRegularFile();
        Program.Result tar = Program.run(new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(),
                "-C", unpacked.toString()));
        assertThat(tar.exit()).as(tar.err()).isZero();
        try (var entries = Files.list(unpacked)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("tributary-")).findFirst().orElseThrow();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = dir.resolve("feeds.yml");
        Files.writeString(config, partners.feedsYml("http://localhost:8080", "30m"));
    }

    @AfterEach
    void tearDown() {
        partners.close();
    }

    private Program.Result tributary(String logFormat, String... args) throws Exception {
        ProcessBuilder b = new ProcessBuilder(home.resolve("bin/tributary").toString());
        b.command().addAll(List.of(args));
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().remove("TRIBUTARY_DB_URL");
        if (logFormat != null) b.environment().put("TRIBUTARY_LOG_FORMAT", logFormat);
        b.directory(dir.toFile());
        return Program.run(b);
    }

    @Test
    void holdsTheLauncherTheLibrariesAnExampleConfigAServiceUnitInstallAndTheLicence() {
        assertThat(home.resolve("bin/tributary")).isExecutable();
        assertThat(home.resolve("lib/tributary.jar")).isRegularFile();
        assertThat(home.resolve("tributary.service")).content().contains("ExecStart=").contains("ExecReload=");
        assertThat(home.resolve("INSTALL")).content().contains("docs/operations.md").contains("bin/tributary");
        assertThat(home.resolve("LICENSE")).content().contains("Apache License").contains("Version 2.0, January 2004")
                .contains("END OF TERMS AND CONDITIONS");
        assertThat(home.resolve("README.md")).as("the developer README's commands (mvn, scripts/) are not here")
                .doesNotExist();
        assertThat(home.resolve("docs/operations.md")).content().contains("## Installing as a service");
        assertThat(home.resolve("feeds.yml")).isRegularFile();
    }

    /** Every command of INSTALL's "Try it in place" block, run as written from the unpacked directory. */
    @Test
    void installsTryItInPlaceCommandsWorkInTheArchive() throws Exception {
        List<String> install = Files.readAllLines(home.resolve("INSTALL"));
        int start = install.indexOf("Try it in place");
        assertThat(start).as("INSTALL has its try-it section").isPositive();
        List<String> commands = install.subList(start, install.size()).stream()
                .takeWhile(l -> !l.startsWith("Install as"))
                .filter(l -> l.startsWith("    bin/tributary")).map(String::strip).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(3);
        // The example feeds.yml names public feeds; this machine reaches loopback only, so point it at the partners.
        Path copy = Files.createDirectory(dir.resolve("copy"));
        Program.Result cp = Program.run(new ProcessBuilder("cp", "-a", home + "/.", copy.toString()));
        assertThat(cp.exit()).as(cp.err()).isZero();
        Files.writeString(copy.resolve("feeds.yml"), partners.feedsYml("http://localhost:8080", "30m"));
        for (String command : commands) {
            ProcessBuilder b = new ProcessBuilder("sh", "-c", command).directory(copy.toFile());
            b.environment().put("JAVA_HOME", System.getProperty("java.home"));
            b.environment().remove("TRIBUTARY_DB_URL");
            Program.Result r = Program.run(b);
            assertThat(r.exit()).as(command + "\n" + r.err()).isZero();
        }
        assertThat(copy.resolve("data/tributary.mv.db")).as("refresh stored what it fetched").isRegularFile();
    }

    @Test
    void versionNamesTheReleaseTheCommitAndTheJavaRuntime() throws Exception {
        String project = System.getProperty("tributary.version", "0.1.0-SNAPSHOT");
        for (String[] args : List.of(new String[] {"version"}, new String[] {"--version"})) {
            Program.Result v = tributary(null, args);
            assertThat(v.exit()).as(v.err()).isZero();
            List<String> lines = v.out().lines().toList();
            assertThat(lines.get(0)).isEqualTo("Tributary " + project);
            assertThat(lines.get(1)).as("the git commit of the build").matches("commit ([0-9a-f]{7,40}(-dirty)?|unknown)");
            assertThat(lines.get(2)).startsWith("Java " + Runtime.version().feature());
        }
        if (Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git"))) {
            assertThat(tributary(null, "version").out()).as("built in a git checkout: its commit is known")
                    .doesNotContain("commit unknown");
        }
    }

    @Test
    void theExampleConfigChecksAndTheArchiveRefreshesRealFeeds() throws Exception {
        Program.Result example = tributary(null, "--config", home.resolve("feeds.yml").toString(), "check");
        assertThat(example.exit()).as(example.err()).isZero();
        assertThat(example.out()).contains("valid:");

        Program.Result check = tributary(null, "--config", "feeds.yml", "--data", "data", "check", "--fetch");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("ok    everett").contains("ok    consortium")
                .contains("ok    programming-librarian");

        Program.Result refresh = tributary(null, "--config", "feeds.yml", "--data", "data", "refresh");
        assertThat(refresh.exit()).as(refresh.err()).isZero();
        assertThat(refresh.out()).contains("3 sources: 3 ok, 0 failed; 7 new items")
                .as("not a terminal: plain lines, no cursor control").doesNotContain("\r").doesNotContain("\033");
        assertThat(refresh.err()).contains("fetch source=everett outcome=fetched state=ok status=200")
                .contains("published change source=everett new=");
        assertThat(dir.resolve("data/tributary.mv.db")).isRegularFile();
    }

    @Test
    void logsJsonLinesWhenAsked() throws Exception {
        Program.Result refresh = tributary("json", "--config", "feeds.yml", "--data", "data", "refresh");
        assertThat(refresh.exit()).as(refresh.err()).isZero();
        List<String> lines = refresh.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        boolean sawFetch = false;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line); // every line is one JSON object
            if (event.path("formattedMessage").asText().equals("fetch")) {
                sawFetch = true;
                assertThat(event.path("kvpList").toString()).contains("\"source\"").contains("\"outcome\"")
                        .contains("\"bytes\"");
            }
        }
        assertThat(sawFetch).isTrue();
    }
}
