package org.tributary.cli;

import java.nio.file.Path;
import java.time.InstantSource;
import org.tributary.config.Config;
import org.tributary.fetch.Fetcher;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParser;
import org.tributary.publish.Publisher;
import org.tributary.refresh.Refresher;
import org.tributary.store.Database;
import org.tributary.store.ItemPages;
import org.tributary.store.Store;

/**
 * The composition root: builds every stage in pipeline order and closes them in reverse. Reading this class shows
 * the architecture; nothing else constructs a stage.
 */
final class Tributary implements AutoCloseable {

    final Config config;
    final InstantSource clock;
    final Database database;
    final Store store;
    final ItemPages pages;
    final Fetcher fetcher;
    final FeedParser parser;
    final Normalizer normalizer;
    final Refresher refresher;
    final Publisher publisher;

    private Tributary(Config config, Database database, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.fetcher = new Fetcher(config.fetch(), clock);
        this.parser = new FeedParser();
        this.normalizer = new Normalizer(config.site().excerptChars());
        this.store = new Store(database, config.site().mergeDuplicates());
        this.pages = new ItemPages(store);
        this.refresher = new Refresher(fetcher, parser, normalizer, store, clock);
        this.publisher = new Publisher();
    }

    /** Opens the database named by the environment (TRIBUTARY_DB_URL), else the H2 file under dataDir. */
    static Tributary open(Config config, Path dataDir, Environment env, InstantSource clock) {
        Database database = env.dbUrl() != null
                ? Database.open(env.dbUrl(), env.dbUser(), env.dbPassword())
                : Database.h2(dataDir);
        try {
            return new Tributary(config, database, clock);
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
        database.close();
    }
}
