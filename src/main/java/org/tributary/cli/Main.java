package org.tributary.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.tributary.config.Config;
import org.tributary.config.ConfigError;
import org.tributary.config.ConfigException;
import org.tributary.config.ConfigLoader;
import org.tributary.store.DataDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The entry point: the only place that reads the environment and the system clock. */
@Command(name = "tributary", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Merges partner and library feeds into one \"Most Recently Added\" feed.",
        subcommands = {ServeCommand.class, RefreshCommand.class, ExportCommand.class, CheckCommand.class,
                StatusCommand.class, HideCommand.class, UnhideCommand.class, ResetCommand.class,
                PendingCommand.class, ApproveCommand.class, RejectCommand.class,
                BackupCommand.class, RestoreCommand.class, VersionCommand.class, ImportOpmlCommand.class})
public final class Main implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The data directory or its database file cannot be read and written (permission, read-only mount). */
    static final int UNUSABLE_DATA = 3;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TRIBUTARY_CONFIG:-feeds.yml}",
            description = "feeds.yml to use (env TRIBUTARY_CONFIG; default: ${DEFAULT-VALUE})", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:TRIBUTARY_DATA:-data}",
            description = "data directory for the embedded H2 database (env TRIBUTARY_DATA; default: ${DEFAULT-VALUE})",
            scope = CommandLine.ScopeType.INHERIT)
    Path data;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:TRIBUTARY_LOG_FORMAT:-plain}",
            description = "logs on stderr as plain lines or JSON lines: plain | json (env TRIBUTARY_LOG_FORMAT; "
                    + "default: ${DEFAULT-VALUE})", scope = CommandLine.ScopeType.INHERIT)
    String logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        chooseLogFormat(args);
        // Logging is set up here, on one thread, before any command starts threads: set up by the first of several
        // threads to log, SLF4J prints a plain "SLF4J(W): ... substituted" line into what may be a JSON log.
        org.slf4j.LoggerFactory.getILoggerFactory();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tributary: " + oneLine(e));
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DataDirectoryException) return UNUSABLE_DATA;
            }
            return FAILED;
        });
        return cli.execute(args);
    }

    /**
     * Logging starts before picocli has parsed anything (the commands' loggers are created with their classes), so
     * --log-format (else TRIBUTARY_LOG_FORMAT) is looked for here: JSON picks logback-json.xml; plain lines under
     * systemd (which sets JOURNAL_STREAM for a service whose output goes to the journal) pick logback-journal.xml,
     * without the timestamp the journal adds itself.
     */
    private static void chooseLogFormat(String... args) {
        String format = System.getenv("TRIBUTARY_LOG_FORMAT");
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--log-format=")) format = args[i].substring("--log-format=".length());
            else if (args[i].equals("--log-format") && i + 1 < args.length) format = args[i + 1];
        }
        if (System.getProperty("logback.configurationFile") != null) return;
        if ("json".equals(format)) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        } else if (System.getenv("JOURNAL_STREAM") != null) {
            System.setProperty("logback.configurationFile", "logback-journal.xml");
        }
    }

    /** Loads feeds.yml, or prints every error (file:line:column: key: message) and returns null. */
    Config loadConfig(PrintWriter err) {
        try {
            if (!Files.isRegularFile(config)) {
                err.println(config + ": no such file (use --config or TRIBUTARY_CONFIG)");
                return null;
            }
            return new ConfigLoader().load(config);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) err.println(error);
            return null;
        }
    }

    Tributary open(Config cfg) {
        Path dataDir = data.toAbsolutePath();
        return Tributary.open(cfg, dataDir, environment(), InstantSource.system());
    }

    Environment environment() {
        return Environment.of(System.getenv());
    }

    /** A message for people: the database's "already in use" named as what it means here. */
    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Database may be already in use")) {
                return "the data directory is in use by another Tributary process (only one may open an H2 data "
                        + "directory; stop it first, or use PostgreSQL for several nodes)";
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
