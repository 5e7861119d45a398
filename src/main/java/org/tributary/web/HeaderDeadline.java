package org.tributary.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for a request's line and headers. Jetty's idle timeout resets with every byte, so a client that
 * trickles one byte a second holds a connection (and its buffers) for ever; here a connection whose parser is still
 * inside the same request's headers at two looks {@code every} apart is closed. A connection waiting between requests
 * (keep-alive, nothing sent yet) is left to the idle timeout.
 */
final class HeaderDeadline implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Scheduler scheduler;
    private final long everyMillis;

    /** @param deadline the longest a client may take to send a request's headers (closed between it and twice it) */
    HeaderDeadline(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.everyMillis = Math.max(1, deadline.toMillis());
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) schedule(http, -1, false);
    }

    private void schedule(HttpConnection http, long messages, boolean inHeaders) {
        scheduler.schedule(() -> check(http, messages, inHeaders), everyMillis, TimeUnit.MILLISECONDS);
    }

    private void check(HttpConnection http, long messagesBefore, boolean wasInHeaders) {
        if (!http.getEndPoint().isOpen()) return;
        HttpParser parser = http.getParser();
        boolean inHeaders = parser.inHeaderState() && !parser.isStart();
        long messages = http.getMessagesIn();
        if (inHeaders && wasInHeaders && messages == messagesBefore) {
            log.debug("web: closing a connection from {} that took too long to send its headers",
                    http.getEndPoint().getRemoteSocketAddress());
            http.getEndPoint().close();
            return;
        }
        schedule(http, messages, inHeaders);
    }
}
