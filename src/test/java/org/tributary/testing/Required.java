package org.tributary.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What a test needs from outside the repository: the feed corpus, or a program such as chromium or promtool. A
 * missing one fails the test with a message saying what is expected where ({@code .ci/run} installs them all):
 * no test is skipped, on any machine.
 */
public final class Required {

    private Required() {
    }

    /** True when running in CI, where nothing a test needs may be missing. */
    public static boolean inCi() {
        return "1".equals(System.getenv("TRIBUTARY_CI"));
    }

    /** The corpus root: {@code -Dtributary.corpus}, set by the build to {@code ../shared/corpus} beside the checkout. */
    public static Path corpusRoot() {
        return Paths.get(System.getProperty("tributary.corpus", "../shared/corpus"));
    }

    /** {@code relative} inside the corpus, which must exist (a file or a directory). */
    public static Path corpus(String relative) {
        Path path = corpusRoot().resolve(relative);
        present(Files.exists(path), "the feed corpus is expected at " + path.toAbsolutePath().normalize()
                + " (a directory 'shared/corpus' beside the checkout, or -Dtributary.corpus=DIR)");
        return path;
    }

    /** The first of {@code candidates} that is an executable file; an absolute path or a name looked up on PATH. */
    public static Path program(String what, String... candidates) {
        for (String candidate : candidates) {
            Path found = findExecutable(candidate);
            if (found != null) {
                return found;
            }
        }
        present(false, what + " is not installed (looked for " + String.join(", ", candidates) + "; .ci/run installs it)");
        throw new AssertionError("unreachable");
    }

    /**
     * axe-core's script: {@code -Dtributary.axe} or {@code TRIBUTARY_AXE}, else where {@code .ci/run} installs it
     * ({@code ~/.cache/tributary-npm/node_modules/axe-core/axe.min.js}).
     */
    public static Path axeCore() {
        String named = System.getProperty("tributary.axe", System.getenv("TRIBUTARY_AXE"));
        Path axe = named != null && !named.isBlank() ? Path.of(named) : Path.of(System.getProperty("user.home"),
                ".cache", "tributary-npm", "node_modules", "axe-core", "axe.min.js");
        present(java.nio.file.Files.isRegularFile(axe), "axe-core at " + axe + " (.ci/run installs it: npm install"
                + " --no-save --prefix ~/.cache/tributary-npm axe-core@4; or set -Dtributary.axe / TRIBUTARY_AXE)");
        return axe;
    }

    /** Fails the test, naming what is missing, when {@code condition} is false. */
    public static void present(boolean condition, String missing) {
        if (!condition) fail(missing);
    }

    private static Path findExecutable(String candidate) {
        if (candidate.contains("/")) {
            Path path = Paths.get(candidate);
            return Files.isExecutable(path) ? path : null;
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : pathVariable.split(":")) {
            Path path = Paths.get(dir.isEmpty() ? "." : dir, candidate);
            if (Files.isExecutable(path) && !Files.isDirectory(path)) {
                return path;
            }
        }
        return null;
    }
}
