package org.tributary.refresh;

import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Source;
import org.tributary.fetch.FetchRequest;
import org.tributary.fetch.FetchResult;
import org.tributary.fetch.Fetcher;
import org.tributary.normalize.NormalizedFeed;
import org.tributary.normalize.Normalizer;
import org.tributary.parse.FeedParseException;
import org.tributary.parse.FeedParser;
import org.tributary.parse.ParsedFeed;
import org.tributary.store.SaveResult;
import org.tributary.store.SourceState;
import org.tributary.store.Store;

/**
 * Refreshes one source: fetch → parse → normalize → store. This is the one place where anything unexpected is
 * caught, so that a failing source is a row of source state and the next source still runs.
 */
public final class Refresher {

    private static final Logger log = LoggerFactory.getLogger(Refresher.class);

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final Normalizer normalizer;
    private final Store store;
    private final InstantSource clock;
    private final RefreshListener listener;

    public Refresher(Fetcher fetcher, FeedParser parser, Normalizer normalizer, Store store, InstantSource clock) {
        this(fetcher, parser, normalizer, store, clock, RefreshListener.NONE);
    }

    /** @param listener told of every report after it is stored (metrics, alerts) */
    public Refresher(Fetcher fetcher, FeedParser parser, Normalizer normalizer, Store store, InstantSource clock,
                     RefreshListener listener) {
        this.listener = Objects.requireNonNull(listener);
        this.fetcher = Objects.requireNonNull(fetcher);
        this.parser = Objects.requireNonNull(parser);
        this.normalizer = Objects.requireNonNull(normalizer);
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Never throws: every outcome, the unexpected included, is written to the store and returned. */
    public RefreshReport refresh(Source source) {
        long started = clock.millis();
        RefreshReport report;
        try {
            report = fetchAndStore(source, started);
        } catch (RuntimeException e) {
            String reason = "internal[" + source.id() + "]: " + e;
            log.error("refresh of {} failed unexpectedly", source.id(), e);
            report = new RefreshReport(source.id(), RefreshReport.Outcome.FAILED, 0, 0, 0, reason,
                    clock.millis() - started);
            try {
                store.saveFailure(source.id(), source.url().toString(), 0, reason, clock.instant());
            } catch (RuntimeException storeDown) {
                log.error("could not record the failure of {}", source.id(), storeDown);
            }
        }
        logLine(report);
        try {
            listener.refreshed(source, report);
        } catch (RuntimeException e) {
            log.error("refresh[{}]: a listener failed", source.id(), e);
        }
        return report;
    }

    private RefreshReport fetchAndStore(Source source, long started) {
        String url = source.url().toString();
        SourceState state = store.state(source.id());
        // Validators belong to the URL they came from: after an edit of feeds.yml, start afresh.
        boolean sameUrl = url.equals(state.url());
        FetchResult result = fetcher.fetch(new FetchRequest(source.id(), source.url(),
                sameUrl ? state.etag() : null, sameUrl ? state.lastModified() : null));
        // Java 17 has no pattern switch yet; the interface is sealed, so these three are all there is.
        if (result instanceof FetchResult.Fetched f) return parseAndStore(source, f, started);
        if (result instanceof FetchResult.NotModified n) {
            store.saveNotModified(source.id(), url, n.etag(), n.lastModified(), clock.instant());
            return new RefreshReport(source.id(), RefreshReport.Outcome.NOT_MODIFIED, 304, 0, 0, null,
                    clock.millis() - started);
        }
        FetchResult.Failed f = (FetchResult.Failed) result;
        return failed(source, f.status(), "fetch[" + source.id() + "]: " + f.reason(), started);
    }

    private RefreshReport parseAndStore(Source source, FetchResult.Fetched f, long started) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(f.body(), f.contentType(), f.finalUrl(), f.contentLocation());
        } catch (FeedParseException e) {
            return failed(source, f.status(), "parse[" + source.id() + "]: " + e.getMessage(), started);
        }
        NormalizedFeed normalized = normalizer.normalize(parsed, source);
        SaveResult saved = store.saveFetched(source.id(), source.url().toString(), f.etag(), f.lastModified(),
                normalized.items(), normalized.unmappedCategories(), clock.instant());
        return new RefreshReport(source.id(), RefreshReport.Outcome.FETCHED, f.status(), saved.added(),
                saved.updated(), null, clock.millis() - started, f.body().length);
    }

    private RefreshReport failed(Source source, int status, String reason, long started) {
        store.saveFailure(source.id(), source.url().toString(), status, reason, clock.instant());
        return new RefreshReport(source.id(), RefreshReport.Outcome.FAILED, status, 0, 0, reason,
                clock.millis() - started);
    }

    /**
     * One line per fetch, and one more when the published feed changed. The fields are key-value pairs, so the JSON
     * log format carries them as fields and the plain format prints them as key=value.
     */
    private static void logLine(RefreshReport r) {
        boolean failed = r.outcome() == RefreshReport.Outcome.FAILED;
        org.slf4j.spi.LoggingEventBuilder line = (failed ? log.atWarn() : log.atInfo()).setMessage("fetch")
                .addKeyValue("source", r.sourceId())
                .addKeyValue("outcome", r.outcome().label())
                .addKeyValue("status", r.status())
                .addKeyValue("ms", r.millis())
                .addKeyValue("bytes", r.bytes())
                .addKeyValue("new", r.added())
                .addKeyValue("updated", r.updated());
        if (failed) line = line.addKeyValue("error", r.error());
        line.log();
        if (r.added() + r.updated() > 0) {
            log.atInfo().setMessage("published change").addKeyValue("source", r.sourceId())
                    .addKeyValue("new", r.added()).addKeyValue("updated", r.updated()).log();
        }
    }
}
