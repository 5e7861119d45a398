package org.tributary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test drives (promtool, systemd-analyze): with TRIBUTARY_CI=1 a missing one fails the test (CI installs
 * it), elsewhere the test is skipped.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /** The program's path on the PATH; fails under CI or skips elsewhere when it is not there. */
    public static Path require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        String missing = name + " is not installed (Debian package " + debianPackage + ")";
        if ("1".equals(System.getenv("TRIBUTARY_CI"))) assertThat(false).as(missing).isTrue();
        Assumptions.abort(missing);
        throw new AssertionError("unreachable");
    }
}
