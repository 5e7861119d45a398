import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.tributary.alert.Alerter;
import org.tributary.config.Config;
import org.tributary.config.ConfigLoader;
import org.tributary.config.Source;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.AlertStore;
import org.tributary.store.Database;
import org.tributary.store.Store;
import org.tributary.web.Metrics;

/**
 * What the operations listeners add to one refresh: the Alerter (one alert_state read per good refresh, a write
 * per failed one) and Metrics (Micrometer counters), on an H2 file. No notifier fires: the threshold is never met.
 */
public class ListenerOverhead {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args.length > 0 ? args[0] : "20000");
        Path dir = Files.createTempDirectory("bench-ops");
        Config config = new ConfigLoader().parse("feeds.yml", """
                site: { title: T, link: "https://library.example.org/", base_url: "http://localhost:8080" }
                alerts: { webhook: "https://hooks.example.org/x", after: 1000d }
                sources:
                  - { id: wls, title: W, url: "https://wls.example.org/feed" }
                """);
        Source wls = config.source("wls").orElseThrow();
        try (Database db = Database.h2(dir); Metrics metrics = new Metrics("bench")) {
            Store store = new Store(db, true);
            store.saveNotModified("wls", wls.url().toString(), null, null, null, InstantSource.system().instant());
            Alerter alerter = new Alerter(() -> config, store, new AlertStore(db), a -> List.of(), InstantSource.system());
            RefreshReport ok = new RefreshReport("wls", RefreshReport.Outcome.NOT_MODIFIED, 304, 0, 0, null, 5);
            RefreshReport failed = new RefreshReport("wls", RefreshReport.Outcome.FAILED, 503, 0, 0, "fetch[wls]: HTTP 503", 5);
            for (int round = 0; round < 2; round++) { // the first round warms up
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) metrics.refreshed(wls, ok);
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) alerter.refreshed(wls, ok);
                long t2 = System.nanoTime();
                for (int i = 0; i < n; i++) alerter.refreshed(wls, failed);
                long t3 = System.nanoTime();
                store.saveNotModified("wls", wls.url().toString(), null, null, null, InstantSource.system().instant());
                long t4 = System.nanoTime();
                for (int i = 0; i < n / 10; i++) {
                    store.saveNotModified("wls", wls.url().toString(), null, null, null, InstantSource.system().instant());
                }
                long t5 = System.nanoTime();
                if (round == 1) {
                    System.out.printf("n=%d%n", n);
                    System.out.printf("metrics listener            %6.1f us/refresh%n", (t1 - t0) / 1e3 / n);
                    System.out.printf("alerter, good refresh       %6.1f us/refresh%n", (t2 - t1) / 1e3 / n);
                    System.out.printf("alerter, failed refresh     %6.1f us/refresh%n", (t3 - t2) / 1e3 / n);
                    System.out.printf("store.saveNotModified (304) %6.1f us/refresh (for scale)%n", (t5 - t4) / 1e3 / (n / 10));
                }
            }
        }
    }
}
