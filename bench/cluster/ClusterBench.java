import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A latency-bound refresh of many sources with one `serve` node and with two, on one embedded PostgreSQL.
 * Every source is a distinct path on a loopback fixture server that answers after a fixed latency, with an ETag, and
 * 304 to a conditional request. Sources refresh `every: 1m` (the shortest feeds.yml allows). The first round, right
 * after start, runs in cold JVMs and stores every item; the measured one is the second, a minute later: the steady
 * state of a running cluster, where the partners are slow and mostly have nothing new. Its time is from its first
 * request to the moment every source has been asked a second time.
 *
 * java -cp CLASSPATH bench/cluster/ClusterBench.java SOURCES LATENCY_MS THREADS_PER_NODE
 */
public class ClusterBench {

    static final Path JAR = Path.of("target/tributary.jar");

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", System.getProperty("bench.sync", "on")).start()) {
            Fixture fixture = new Fixture(latency);
            try {
                double one = run(pg, fixture, sources, threads, 1);
                double two = run(pg, fixture, sources, threads, 2);
                System.out.printf("sources=%d latency=%dms threads/node=%d%n", sources, latency, threads);
                System.out.printf("one node: %.1f s (%.0f sources/s)%n", one, sources / one);
                System.out.printf("two nodes: %.1f s (%.0f sources/s)%n", two, sources / two);
                System.out.printf("ratio two/one: %.2f (goal <= 0.60)%n", two / one);
            } finally {
                fixture.server.stop(0);
                fixture.executor.shutdownNow();
            }
        }
    }

    static double run(EmbeddedPostgres pg, Fixture fixture, int sources, int threads, int nodes) throws Exception {
        String db = "bench_" + nodes;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db;
        String prefix = "/r" + nodes + "/";
        Path dir = Files.createTempDirectory("cluster-bench");
        Path config = dir.resolve("feeds.yml");
        Files.writeString(config, feedsYml(fixture.port(), prefix, sources));
        fixture.reset(prefix);
        List<Process> running = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", JAR.toString(), "--config", config.toString(), "--data",
                    dir.resolve("n" + n).toString(), "serve", "--port", "0", "--host", "127.0.0.1",
                    "--threads", Integer.toString(threads));
            b.environment().put("TRIBUTARY_DB_URL", url);
            b.environment().put("TRIBUTARY_DB_USER", "postgres");
            b.environment().put("TRIBUTARY_DB_PASSWORD", "");
            b.redirectErrorStream(true);
            b.redirectOutput(dir.resolve("node" + n + ".log").toFile());
            running.add(b.start());
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (fixture.secondRound.size() < sources) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("not done in 4 minutes: "
                        + fixture.secondRound.size() + " of " + sources + "; logs in " + dir);
                Thread.sleep(50);
            }
            double first = (fixture.firstRoundEnd.get() - fixture.start.get()) / 1e9;
            double seconds = (fixture.last.get() - fixture.first.get()) / 1e9;
            System.out.printf("  %d node(s): first round (cold, 200s) %.1f s; second round (304s) %.1f s; %d requests%n",
                    nodes, first, seconds, fixture.requests.get());
            return seconds;
        } finally {
            for (Process p : running) p.destroy();
            for (Process p : running) p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    static String feedsYml(int port, String prefix, int sources) {
        StringBuilder y = new StringBuilder("""
                site: { title: Bench, link: https://library.example.org/, base_url: http://localhost:8080 }
                fetch: { user_agent: "Tributary-bench/0.1", timeout: 20s, allow_private: ["127.0.0.1:%d"],
                         per_host: 64, max_concurrent: 64 }
                defaults: { every: 1m, type: News }
                types: [News]
                sources:
                """.formatted(port));
        for (int i = 0; i < sources; i++) {
            y.append("  - { id: s").append(i).append(", title: Source ").append(i).append(", url: \"http://127.0.0.1:")
                    .append(port).append(prefix).append(i).append(".rss\", kind: partner }\n");
        }
        return y.toString();
    }

    /** Answers every feed after the latency: a small RSS document of one item, distinct per path. */
    static final class Fixture {
        final HttpServer server;
        final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(256);
        final java.util.Map<String, Integer> asked = new ConcurrentHashMap<>();
        final Set<String> secondRound = ConcurrentHashMap.newKeySet();
        final AtomicLong start = new AtomicLong();
        final AtomicLong firstRoundEnd = new AtomicLong();
        final AtomicLong first = new AtomicLong();
        final AtomicLong last = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        volatile String prefix = "/";

        Fixture(int latencyMs) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                long start = System.nanoTime();
                try {
                    Thread.sleep(latencyMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                String path = exchange.getRequestURI().getPath();
                String id = path.substring(path.lastIndexOf('/') + 1);
                byte[] body = """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <rss version="2.0"><channel><title>Feed %1$s</title><link>https://example.org/%1$s</link>
                        <item><title>Item of %1$s</title><link>https://example.org/%1$s/1</link><guid>%1$s-1</guid>
                        <pubDate>Tue, 11 Jun 2019 10:00:00 GMT</pubDate><description>Text of %1$s.</description></item>
                        </channel></rss>
                        """.formatted(id).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", "\"v1\"");
                if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                if (path.startsWith(prefix)) {
                    requests.incrementAndGet();
                    this.start.compareAndSet(0, start);
                    int n = asked.merge(path, 1, Integer::sum);
                    if (n == 1) firstRoundEnd.set(System.nanoTime());
                    if (n == 2) {
                        first.compareAndSet(0, start);
                        secondRound.add(path);
                        last.set(System.nanoTime());
                    }
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void reset(String newPrefix) {
            asked.clear();
            secondRound.clear();
            start.set(0);
            firstRoundEnd.set(0);
            first.set(0);
            last.set(0);
            requests.set(0);
            prefix = newPrefix;
        }
    }
}
