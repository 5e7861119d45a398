package org.tributary.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.tributary.alert.Alerter;
import org.tributary.alert.EmailNotifier;
import org.tributary.alert.Notifier;
import org.tributary.alert.WebhookNotifier;
import org.tributary.config.Alerts;
import org.tributary.config.Config;
import org.tributary.config.LiveConfig;
import org.tributary.fetch.Fetcher;
import org.tributary.normalize.Normalizer;
import org.tributary.outbound.Outbound;
import org.tributary.parse.FeedParser;
import org.tributary.publish.Publisher;
import org.tributary.refresh.RefreshListener;
import org.tributary.refresh.Refresher;
import org.tributary.store.AlertStore;
import org.tributary.store.Database;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;
import org.tributary.web.Metrics;

/**
 * The composition root: builds every stage in pipeline order and closes them in reverse. Reading this class shows
 * the architecture; nothing else constructs a stage.
 */
final class Tributary implements AutoCloseable {

    /** How long one alert delivery may take (it runs on a refresh thread, so shutdown waits for it). */
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(10);

    /** The config in force: serve swaps it on reload; every reader goes through it. */
    final LiveConfig config;
    final InstantSource clock;
    final Database database;
    final Store store;
    final ItemPages pages;
    final Fetcher fetcher;
    final FeedParser parser;
    final Normalizer normalizer;
    final Metrics metrics;
    /** Everything Tributary sends on its own (alert webhooks here; serve's WebSub pings use the same client). */
    final Outbound outbound;
    final Alerter alerter;
    final Refresher refresher;
    final Publisher publisher;

    private Tributary(Config config, Database database, Environment env, InstantSource clock) {
        this.config = new LiveConfig(config, clock.instant());
        this.clock = clock;
        this.database = database;
        this.fetcher = new Fetcher(config.fetch(), clock);
        this.parser = new FeedParser();
        this.normalizer = new Normalizer(config.site().excerptChars());
        this.store = new Store(database, config.site().mergeDuplicates());
        this.pages = new ItemPages(store);
        this.metrics = new Metrics(BuildInfo.current().version());
        this.outbound = new Outbound(() -> this.config.get().fetch().userAgent());
        this.alerter = new Alerter(this.config, store, new AlertStore(database),
                alerts -> notifiers(alerts, env, outbound), clock);
        this.refresher = new Refresher(fetcher, parser, normalizer, store, clock, new java.util.SplittableRandom(),
                RefreshListener.all(List.of(metrics, alerter)));
        this.publisher = new Publisher();
    }

    private static List<Notifier> notifiers(Alerts alerts, Environment env, Outbound outbound) {
        List<Notifier> notifiers = new ArrayList<>();
        if (alerts.webhook() != null) notifiers.add(new WebhookNotifier(alerts.webhook(), outbound, ALERT_TIMEOUT));
        if (alerts.email() != null) {
            notifiers.add(new EmailNotifier(alerts.email(), env.smtpUser(), env.smtpPassword(), ALERT_TIMEOUT));
        }
        return notifiers;
    }

    /** Opens the database named by the environment (TRIBUTARY_DB_URL), else the H2 file under dataDir. */
    static Tributary open(Config config, Path dataDir, Environment env, InstantSource clock) {
        Database database = env.dbUrl() != null
                ? Database.open(env.dbUrl(), env.dbUser(), env.dbPassword())
                : Database.h2(dataDir);
        try {
            return new Tributary(config, database, env, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The stages check --fetch needs: fetch, parse, normalize, and no database. */
    static Probe probe(Config config) {
        return new Probe(new Fetcher(config.fetch(), InstantSource.system()), new FeedParser(),
                new Normalizer(config.site().excerptChars()));
    }

    record Probe(Fetcher fetcher, FeedParser parser, Normalizer normalizer) implements AutoCloseable {
        @Override
        public void close() {
            fetcher.close();
        }
    }

    @Override
    public void close() {
        fetcher.close();
        metrics.close();
        database.close();
    }
}
