package org.tributary.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged program (target/tributary.jar with target/lib/) run as a separate process, the way a user runs it.
 * Failsafe runs after `package`, so the jar is the one Maven just built.
 */
final class Program implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    record Result(int exit, String out, String err) {}

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private Program(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, true);
        pump(process.getErrorStream(), err, false);
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("tributary.jar", "target/tributary.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: run `mvn verify`");
        return jar;
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command to its end. */
    static Result run(String... args) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command(args)));
    }

    /** Runs a command to its end, waiting up to {@code seconds} (a run that refreshes hundreds of sources). */
    static Result runFor(long seconds, String... args) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command(args)), seconds);
    }

    /** Runs any command line (e.g. the unpacked distribution's bin/tributary) to its end. */
    static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        return run(builder, 120);
    }

    private static Result run(ProcessBuilder builder, long seconds) throws IOException, InterruptedException {
        Process p = builder.start();
        List<String> args = builder.command();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    /** Starts `serve` and waits until it says which port it listens on. */
    static Program serve(Path config, Path data) throws Exception {
        return serve(config, data, java.util.Map.of());
    }

    /** Starts `serve` with these environment variables and extra serve options. */
    static Program serve(Path config, Path data, java.util.Map<String, String> env, String... serveArgs)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--data", data.toString(),
                "serve", "--port", "0", "--host", "127.0.0.1"));
        args.addAll(List.of(serveArgs));
        ProcessBuilder builder = new ProcessBuilder(command(args.toArray(String[]::new)));
        builder.environment().putAll(env);
        Program p = new Program(builder.start());
        try {
            p.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.close();
            throw new IllegalStateException("serve did not start; stderr:\n" + p.err, e);
        }
        return p;
    }

    int port() {
        return port.join();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    String stderr() {
        return err.toString();
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name ("HUP", "TERM") with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) throw new IllegalStateException("kill -s " + name + " failed");
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill9();
    }

    private void pump(java.io.InputStream in, StringBuffer sink, boolean watchPort) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (watchPort && m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException ignored) {
                // the process went away
            }
            port.completeExceptionally(new IllegalStateException("process ended"));
        }, "program-output");
        t.setDaemon(true);
        t.start();
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
