package org.tributary.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.tributary.refresh.RefreshReport;
import org.tributary.store.Moderation;
import org.tributary.web.SourceStatus;

/** Plain-text tables for the terminal. */
final class Tables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private Tables() {}

    static String refreshLine(RefreshReport r) {
        return switch (r.outcome()) {
            case FETCHED -> String.format("ok    %-28s HTTP %d  %d new, %d updated  %s  %d ms", r.sourceId(),
                    r.status(), r.added(), r.updated(), size(r.bytes()), r.millis());
            case NOT_MODIFIED -> String.format("ok    %-28s HTTP %d %s  %d ms", r.sourceId(), r.status(),
                    r.status() == 304 ? "not modified" : "the same document as last time", r.millis());
            case FAILED -> String.format("FAIL  %-28s %s%s", r.sourceId(), r.error(),
                    r.health() == null ? "" : "  [" + r.health() + (r.notBefore() == null ? "" : " until "
                            + time(r.notBefore())) + "]");
            case SKIPPED -> String.format("skip  %-28s %s", r.sourceId(), r.error());
            case STORE_FAILED -> String.format("FAIL  %-28s %s", r.sourceId(), r.error());
        };
    }

    static String refreshSummary(List<RefreshReport> reports) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-28s %-13s %6s %5s %7s %7s%n", "SOURCE", "OUTCOME", "STATUS", "NEW", "UPDATED", "MS"));
        int added = 0, updated = 0, failed = 0, skipped = 0;
        for (RefreshReport r : reports) {
            b.append(String.format("%-28s %-13s %6s %5d %7d %7d%n", r.sourceId(), r.outcome().label(),
                    r.status() == 0 ? "-" : Integer.toString(r.status()), r.added(), r.updated(), r.millis()));
            added += r.added();
            updated += r.updated();
            if (r.outcome() == RefreshReport.Outcome.FAILED || r.outcome() == RefreshReport.Outcome.STORE_FAILED) {
                failed++;
            }
            if (r.outcome() == RefreshReport.Outcome.SKIPPED) skipped++;
        }
        b.append(String.format("%d sources: %d ok, %d failed%s; %d new items, %d updated%n", reports.size(),
                reports.size() - failed - skipped, failed, skipped == 0 ? "" : ", " + skipped + " skipped (not due)",
                added, updated));
        return b.toString();
    }

    static String status(List<SourceStatus.Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-28s %-12s %-18s %6s %-18s %s%n", "SOURCE", "STATE", "LAST SUCCESS", "ITEMS",
                "NEXT FETCH", "DETAIL / LAST ERROR"));
        for (SourceStatus.Row r : rows) {
            String detail = r.detail() == null ? "" : r.detail();
            String error = r.lastError() == null ? "" : r.lastError();
            String last = detail.isEmpty() ? error : error.isEmpty() ? detail : detail + "; " + error;
            if (r.heldItems() > 0) {
                String held = r.heldItems() + " held for approval";
                last = last.isEmpty() ? held : held + "; " + last;
            }
            b.append(String.format("%-28s %-12s %-18s %6d %-18s %s%n", r.id(), r.state(), time(r.lastSuccessAt()),
                    r.items(), time(r.nextFetchAt()), last));
        }
        return b.toString();
    }

    /** Held items: the id to approve or reject, where and when it came from, its title. */
    static String pending(List<Moderation.Held> held) {
        if (held.isEmpty()) return "no items wait for approval\n";
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-32s %-28s %-18s %s%n", "ITEM", "SOURCE", "PUBLISHED", "TITLE"));
        for (Moderation.Held h : held) {
            b.append(String.format("%-32s %-28s %-18s %s%n", h.id(), h.source(), time(h.published()),
                    h.title() == null ? "" : h.title().replaceAll("\\p{Cntrl}", " ")));
        }
        return b.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
