package org.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testing.PartnerServer;
import picocli.CommandLine;

/** check's exit codes, which deployment scripts rely on: 0 all good, 1 a source failing, 2 a bad file. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private PartnerServer partners;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        partners = new PartnerServer();
        config = Files.writeString(dir.resolve("feeds.yml"), partners.feedsYml("http://localhost:8080", "30m"));
    }

    @AfterEach
    void tearDown() {
        partners.close();
    }

    private int check(String... args) {
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = "--config";
        all[1] = config.toString();
        all[2] = "check";
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    @Test
    void exitsZeroWhenEverySourceFetches() {
        assertThat(check("--fetch")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ok    everett").contains("0 of 3 sources failed");
    }

    @Test
    void exitsOneWhenAnySourceFails() {
        partners.misbehave(PartnerServer.RDF, PartnerServer.status(500));
        assertThat(check("--fetch")).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  consortium").contains("HTTP 500").contains("1 of 3 sources failed");
    }

    @Test
    void exitsOneWhenEverySourceFails() {
        for (String path : new String[] {PartnerServer.RSS, PartnerServer.ATOM, PartnerServer.RDF}) {
            partners.misbehave(path, PartnerServer.garbage());
        }
        assertThat(check("--fetch")).isEqualTo(1);
        assertThat(out.toString()).contains("3 of 3 sources failed").contains("parse:");
    }

    @Test
    void withoutFetchOnlyTheFileCountsAndABadFileIsTwo() throws Exception {
        partners.misbehave(PartnerServer.RDF, PartnerServer.status(500));
        assertThat(check()).isZero();
        Files.writeString(config, Files.readString(config).replace("kind: library", "kind: museum"));
        assertThat(check("--fetch")).isEqualTo(2);
        assertThat(err.toString()).contains("feeds.yml:").contains("kind");
    }

    @Test
    void helpListsTheExitCodes() {
        check("--help");
        assertThat(out.toString()).contains("Exit codes:").contains("1   with --fetch, at least one source failed");
    }
}
