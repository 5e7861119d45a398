package org.tributary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What this program is: its version and the git commit it was built from (both written into
 * tributary-build.properties by Maven), and the Java runtime it runs on.
 */
record BuildInfo(String version, String commit, String java) {

    static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/tributary-build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(built(p.getProperty("version")), built(p.getProperty("commit")),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name")
                        + ")");
    }

    /** A value Maven did not fill in (a build outside git, or classes not built by Maven) is "unknown". */
    private static String built(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.strip();
    }

    /** The lines `tributary version` and `--version` print. */
    String[] lines() {
        return new String[] {"Tributary " + version, "commit " + commit, "Java " + java};
    }

    /** picocli's --version on every command. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return current().lines();
        }
    }
}
