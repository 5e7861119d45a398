package org.tributary.refresh;

import java.util.List;
import org.tributary.config.Source;

/**
 * Told about every refresh once it is stored: metrics and alerts listen here, so the pipeline knows nothing of
 * Micrometer, webhooks or SMTP. Called on the refreshing thread; a listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface RefreshListener {

    RefreshListener NONE = (source, report) -> { };

    void refreshed(Source source, RefreshReport report);

    /** Calls each in order. */
    static RefreshListener all(List<RefreshListener> listeners) {
        List<RefreshListener> copy = List.copyOf(listeners);
        return (source, report) -> copy.forEach(l -> l.refreshed(source, report));
    }
}
