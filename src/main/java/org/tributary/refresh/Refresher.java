package org.tributary.refresh;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
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
import org.tributary.store.FetchedDocument;
import org.tributary.store.SaveResult;
import org.tributary.store.SourceHealth;
import org.tributary.store.SourceState;
import org.tributary.store.Store;

/**
 * Refreshes one source: fetch → parse → normalize → store, with the health the fetch leaves (see
 * {@link HealthPolicy}) in the same transaction as its outcome. This is the one place where anything unexpected is
 * caught, so that a failing source is a row of source state and the next source still runs. The source's row is read
 * once, before anything else, and written once, with the outcome; a 304 costs that read, the request and one
 * statement in one transaction. A source that is not due (backing off, rate limited, asked not to be polled yet) or
 * gone is skipped after the read, without any request. A 200 with the very document stored last is answered like a
 * 304, without parsing it.
 */
public final class Refresher {

    private static final Logger log = LoggerFactory.getLogger(Refresher.class);

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final Normalizer normalizer;
    private final Store store;
    private final HealthPolicy policy;
    private final InstantSource clock;
    private final RefreshListener listener;
    /** Unexpected failures: a full trace per distinct cause per minute, then a count (a bug may hit every refresh). */
    private final org.tributary.logging.RepeatedFailures unexpected = new org.tributary.logging.RepeatedFailures(log);

    /**
     * @param random   jitter for backoff
     * @param listener told of every report after it is stored (metrics, alerts)
     */
    public Refresher(Fetcher fetcher, FeedParser parser, Normalizer normalizer, Store store, InstantSource clock,
                     RandomGenerator random, RefreshListener listener) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.parser = Objects.requireNonNull(parser);
        this.normalizer = Objects.requireNonNull(normalizer);
        this.store = Objects.requireNonNull(store);
        this.policy = new HealthPolicy(Objects.requireNonNull(random));
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
    }

    /** Never throws: every outcome, the unexpected included, is written to the store and returned. */
    public RefreshReport refresh(Source source) {
        return refresh(source, null);
    }

    /**
     * As {@link #refresh(Source)}, with the source's row as the caller read it: a batch of refreshes reads every
     * row in one query ({@link Store#states()}) rather than one query per source. Null reads the row here.
     */
    public RefreshReport refresh(Source source, SourceState known) {
        long started = clock.millis();
        RefreshReport report;
        try {
            SourceState state = known != null ? known : store.state(source.id());
            report = state.health().isDue(clock.instant()) ? fetchAndStore(source, state, started)
                    : skipped(source, state.health(), started);
        } catch (RuntimeException e) {
            if (Store.isStoreFailure(e)) {
                // The store's failure, not the source's: no failure is counted against the source, and the store
                // logs itself once a minute (a stack trace per source would flood the log).
                log.debug("refresh of {} failed: the store fails", source.id(), e);
                report = new RefreshReport(source.id(), RefreshReport.Outcome.STORE_FAILED, 0, 0, 0,
                        "store[" + source.id() + "]: the store fails; the source was not refreshed",
                        clock.millis() - started);
            } else {
                // The reason is public (/status): the exception's text (an SQL statement, a path) stays in the log.
                String reason = "internal[" + source.id() + "]: " + e.getClass().getSimpleName()
                        + " (details in the log)";
                unexpected.error(e, "refresh of {} failed unexpectedly", source.id());
                report = new RefreshReport(source.id(), RefreshReport.Outcome.FAILED, 0, 0, 0, reason,
                        clock.millis() - started);
                try {
                    store.saveFailure(source.id(), source.url().toString(), 0, reason, null, clock.instant());
                } catch (RuntimeException storeDown) {
                    if (Store.isStoreFailure(storeDown)) {
                        log.debug("could not record the failure of {}", source.id(), storeDown);
                    } else {
                        unexpected.error(storeDown, "could not record the failure of {}", source.id());
                    }
                }
            }
        }
        ageOut(source, report);
        // A skipped turn (backing off, rate limited, gone) is no news for the log, but listeners count it.
        if (report.outcome() == RefreshReport.Outcome.SKIPPED) {
            log.debug("source={} outcome=skipped state={} not_before={}", source.id(), report.health(),
                    report.notBefore());
        } else if (report.outcome() == RefreshReport.Outcome.STORE_FAILED) {
            log.debug("source={} outcome=store-failed", source.id());   // the store's own line says why
        } else {
            logLine(report);
        }
        try {
            listener.refreshed(source, report);
        } catch (RuntimeException e) {
            if (Store.isStoreFailure(e)) log.debug("refresh[{}]: a listener failed: the store fails", source.id(), e);
            else unexpected.error(e, "refresh[{}]: a listener failed", source.id());
        }
        return report;
    }

    private RefreshReport skipped(Source source, SourceHealth h, long started) {
        String why = h.state() == SourceHealth.State.GONE ? SourceHealth.goneText(source.id())
                : "not due before " + h.notBefore() + " (" + h.state().label() + ")";
        return new RefreshReport(source.id(), RefreshReport.Outcome.SKIPPED, 0, 0, 0, why, clock.millis() - started,
                h.state() == null ? null : h.state().label(), h.notBefore());
    }

    private RefreshReport fetchAndStore(Source source, SourceState state, long started) {
        SourceHealth before = state.health();
        URI target = before.effectiveUrl(source.url());
        String url = target.toString();
        // Validators belong to the URL they came from: after an edit of feeds.yml or a move, start afresh.
        boolean sameUrl = url.equals(state.url());
        // After a change of rules the stored items are out of date though the document is not: read it again.
        boolean validators = sameUrl && (state.documentHash() == null
                || normalizer.storedUnderSameRules(source, state.documentHash()));
        FetchResult result = fetcher.fetch(new FetchRequest(source.id(), target,
                validators ? state.etag() : null, validators ? state.lastModified() : null, source.fetchOptions()));
        Instant startedAt = Instant.ofEpochMilli(started);
        // Java 17 has no pattern switch yet; the interface is sealed, so these three are all there is.
        if (result instanceof FetchResult.Fetched f) {
            String fingerprint = normalizer.documentFingerprint(source, f.body(), f.contentType(), f.finalUrl(),
                    f.contentLocation());
            // A server that ignores our validators and sends the very document we stored last: nothing can change.
            if (sameUrl && fingerprint.equals(state.documentHash())) {
                return notModified(source, url, f.status(), f.etag(), f.lastModified(), f.freshUntil(),
                        f.permanentRedirect(), before, state.postDates(), started);
            }
            return parseAndStore(source, url, f, fingerprint, before, state, startedAt);
        }
        if (result instanceof FetchResult.NotModified n) {
            return notModified(source, url, 304, n.etag(), n.lastModified(), n.freshUntil(), n.permanentRedirect(),
                    before, state.postDates(), started);
        }
        FetchResult.Failed f = (FetchResult.Failed) result;
        return failed(source, url, f.status(), "fetch[" + source.id() + "]: " + f.reason(), f.retryAfter(), before,
                state, startedAt);
    }

    /**
     * A 304, or a 200 with the document stored last: no feed to read, the hints and post dates of the last one still
     * stand (so adaptive polling keeps its spacing for the quiet feeds that answer 304 nearly always).
     */
    private RefreshReport notModified(Source source, String url, int status, String etag, String lastModified,
                                      Instant freshUntil, URI permanentRedirect, SourceHealth before,
                                      List<Instant> postDates, long started) {
        Instant startedAt = Instant.ofEpochMilli(started);
        Instant notBefore = PollTiming.notBefore(source, startedAt, before.pollHints(), freshUntil, postDates);
        SourceHealth after = policy.afterSuccess(before, source, true, permanentRedirect, notBefore,
                before.pollHints());
        store.saveNotModified(source.id(), url, etag, lastModified, after, clock.instant());
        return withHealth(after, new RefreshReport(source.id(), RefreshReport.Outcome.NOT_MODIFIED, status, 0, 0,
                null, clock.millis() - started));
    }

    private RefreshReport parseAndStore(Source source, String url, FetchResult.Fetched f, String fingerprint,
                                        SourceHealth before, SourceState state, Instant startedAt) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(f.body(), f.contentType(), f.finalUrl(), f.contentLocation());
        } catch (FeedParseException e) {
            return failed(source, url, f.status(), "parse[" + source.id() + "]: " + e.getMessage(), null, before,
                    state, startedAt);
        }
        parsed.warnings().forEach(w -> log.warn("parse[{}]: {}", source.id(), w));
        // Entries that come back exactly as they were last normalized are not normalized again (most of them, on
        // most fetches); the store only counts them.
        NormalizedFeed normalized = normalizer.normalize(parsed, source, store.knownEntries(source.id()));
        if (normalized.dropped() > 0) {
            log.warn("normalize[{}]: {} unreadable item(s) dropped", source.id(), normalized.dropped());
        }
        for (String note : normalized.notes()) log.warn("normalize[{}]: {}", source.id(), note);
        List<Instant> postDates = parsed.entries().stream().map(e -> e.published() != null ? e.published() : e.updated())
                .toList();
        Instant notBefore = PollTiming.notBefore(source, startedAt, parsed.pollHints(), f.freshUntil(), postDates);
        SourceHealth after = policy.afterSuccess(before, source, false, f.permanentRedirect(), notBefore,
                parsed.pollHints());
        // Items, retention (the newest keep_items, none older than max_age), state and health: one transaction.
        SaveResult saved = store.saveFetched(source.id(), new FetchedDocument(url, f.etag(), f.lastModified(),
                fingerprint, postDates), normalized, source.itemOptions().keepItems(), source.itemOptions().maxAge(),
                source.itemOptions().hold(), after, clock.instant());
        return withHealth(after, new RefreshReport(source.id(), RefreshReport.Outcome.FETCHED, f.status(),
                saved.added(), saved.updated(), null, clock.millis() - startedAt.toEpochMilli(), f.body().length));
    }

    private RefreshReport failed(Source source, String url, int status, String reason, Instant retryAfter,
                                 SourceHealth before, SourceState state, Instant startedAt) {
        SourceHealth after = policy.afterFailure(before, source, state.consecutiveFailures() + 1, status, retryAfter,
                startedAt);
        store.saveFailure(source.id(), url, status, reason, after, clock.instant());
        return withHealth(after, new RefreshReport(source.id(), RefreshReport.Outcome.FAILED, status, 0, 0,
                reason, clock.millis() - startedAt.toEpochMilli()));
    }

    /**
     * max_age is a matter of time, not of what the source sends: whatever the outcome (a 304, the same document
     * again, a failure, a skipped turn), the source's items still age out. A fetched document purged in its own
     * transaction already. A purge that fails is logged and changes nothing of the report.
     */
    private void ageOut(Source source, RefreshReport report) {
        if (source.itemOptions().maxAge() == null || report.outcome() == RefreshReport.Outcome.FETCHED) return;
        try {
            store.purge(source.id(), source.itemOptions().keepItems(), source.itemOptions().maxAge(), clock.instant());
        } catch (RuntimeException e) {
            if (Store.isStoreFailure(e)) log.debug("retention[{}]: purge failed: the store fails", source.id(), e);
            else unexpected.error(e, "retention[{}]: purge failed", source.id());
        }
    }

    /** The report with the health its fetch left (stored with the fetch's outcome, in its transaction). */
    private static RefreshReport withHealth(SourceHealth after, RefreshReport report) {
        return report.withHealth(after.state().label(), after.notBefore());
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
                .addKeyValue("state", r.health())
                .addKeyValue("status", r.status())
                .addKeyValue("ms", r.millis())
                .addKeyValue("bytes", r.bytes())
                .addKeyValue("new", r.added())
                .addKeyValue("updated", r.updated());
        if (r.notBefore() != null) line = line.addKeyValue("not_before", r.notBefore());
        if (failed) line = line.addKeyValue("error", r.error());
        line.log();
        if (r.added() + r.updated() > 0) {
            log.atInfo().setMessage("published change").addKeyValue("source", r.sourceId())
                    .addKeyValue("new", r.added()).addKeyValue("updated", r.updated()).log();
        }
    }
}
