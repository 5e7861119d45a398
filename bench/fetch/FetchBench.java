import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.tributary.config.FetchSettings;
import org.tributary.fetch.FetchRequest;
import org.tributary.fetch.FetchResult;
import org.tributary.fetch.Fetcher;
import org.tributary.parse.FeedParser;
import org.xml.sax.InputSource;

/**
 * Fetch + parse of N sources against a local fixture server that answers after a fixed latency with ~20 KB RSS
 * feeds, then again when every answer is 304; next to the latency floor and Rome alone on the same bytes.
 * Usage: java -Dsun.net.httpserver.nodelay=true -Xmx256m -cp 'target/classes:target/lib/*' bench/fetch/FetchBench.java
 *        [sources=10000] [latencyMs=100] [concurrency=64] [hosts=64]
 */
public class FetchBench {

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int hosts = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        String template = template();

        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(concurrency * 2));
        AtomicInteger served304 = new AtomicInteger();
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String id = exchange.getRequestURI().getPath().substring(1);
            String etag = "\"v1-" + id + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                served304.incrementAndGet();
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = template.replace("{ID}", id).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();

        // Many host names on 127.0.0.0/8, so the per-host cap (2) is not what limits the run.
        List<String> allow = new ArrayList<>();
        for (int h = 0; h < hosts; h++) allow.add(host(h) + ":" + port);
        FetchSettings settings = new FetchSettings("Tributary-bench/1.0 (+https://library.example.org/)",
                Duration.ofSeconds(30), 10 << 20, allow, 2, concurrency);
        int bytes = template.replace("{ID}", "s0").getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("sources=%d latency=%dms concurrency=%d hosts=%d feed=%d bytes, %d cores, max heap %d MB%n",
                sources, latencyMs, concurrency, hosts, bytes, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        double romeSeconds = romeOnly(template, sources);
        double floorSeconds = sources * (latencyMs / 1000.0) / concurrency;
        System.out.printf("latency floor (sources x latency / concurrency): %.2f s%n", floorSeconds);
        System.out.printf("Rome alone on the same bytes, 2 threads: %.2f s (%.1f MB/s)%n", romeSeconds,
                sources * (double) bytes / 1e6 / romeSeconds);

        ConcurrentHashMap<String, String> etags = new ConcurrentHashMap<>();
        try (Fetcher fetcher = new Fetcher(settings, InstantSource.system())) {
            FeedParser parser = new FeedParser();
            run("full (200, ~20 KB, fetch+parse)", sources, concurrency, hosts, port, fetcher, parser, etags,
                    Math.max(floorSeconds, romeSeconds));
            run("all 304 (fetch)", sources, concurrency, hosts, port, fetcher, parser, etags, floorSeconds);
        }
        System.out.printf("304s served: %d%n", served304.get());
        server.stop(0);
        System.exit(0);
    }

    private static String host(int h) {
        return "127.0." + (1 + h / 250) + "." + (1 + h % 250);
    }

    private static void run(String name, int sources, int concurrency, int hosts, int port, Fetcher fetcher,
                            FeedParser parser, ConcurrentHashMap<String, String> etags, double floor) throws Exception {
        System.gc();
        resetPeaks();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger items = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            String id = "s" + i;
            URI url = URI.create("http://" + host(i % hosts) + ":" + port + "/" + id);
            futures.add(pool.submit(() -> {
                FetchResult r = fetcher.fetch(new FetchRequest(id, url, etags.get(id), null));
                if (r instanceof FetchResult.Fetched f) {
                    if (f.etag() != null) etags.put(id, f.etag());
                    try {
                        items.addAndGet(parser.parse(f.body(), f.contentType(), f.finalUrl(), null).entries().size());
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                } else if (r instanceof FetchResult.Failed f) {
                    if (failed.incrementAndGet() < 5) System.out.println("  failed: " + f.reason());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpu() - cpu0) / 1e9;
        System.out.printf("%-34s wall %6.2f s  %7.0f fetches/s  CPU %6.2f s (%.0f%% of 2 cores)  peak heap %4d MB  "
                        + "items %d  failed %d  wall/floor %.2f%n", name, wall, sources / wall, cpuSeconds,
                100 * cpuSeconds / wall / 2, peakHeapMb(), items.get(), failed.get(), wall / floor);
    }

    private static double romeOnly(String template, int sources) throws Exception {
        List<byte[]> variants = new ArrayList<>();
        for (int i = 0; i < 200; i++) variants.add(template.replace("{ID}", "s" + i).getBytes(StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // warm-up, then the measured pass
        for (int pass = 0; pass < 2; pass++) {
            int n = pass == 0 ? Math.min(2000, sources) : sources;
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int i = worker; i < n; i += 2) {
                        SyndFeedInput input = new SyndFeedInput();
                        input.setXmlHealerOn(false);
                        input.build(new InputSource(new ByteArrayInputStream(variants.get(i % variants.size()))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
            if (pass == 1) {
                pool.shutdown();
                return (System.nanoTime() - t0) / 1e9;
            }
        }
        throw new IllegalStateException();
    }

    private static String template() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Bench {ID}</title><link>https://partner.example.org/</link><description>bench</description>\n");
        for (int i = 0; i < 20; i++) {
            b.append("<item><guid>https://partner.example.org/{ID}/").append(i).append("</guid>")
                    .append("<title>Item ").append(i).append(" of {ID}: webinar on community partnerships</title>")
                    .append("<link>https://partner.example.org/{ID}/").append(i).append("</link>")
                    .append("<pubDate>Mon, 0").append(1 + i % 9).append(" Jun 2024 10:00:00 GMT</pubDate>")
                    .append("<category>Webinar</category><description><![CDATA[<p>")
                    .append("Libraries and partners meet to share practice. ".repeat(16))
                    .append("</p>]]></description></item>\n");
        }
        return b.append("</channel></rss>\n").toString();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum >> 20;
    }
}
