package org.tributary.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;

/** Turns an I/O failure into the one line an operator reads in the status table. */
final class Failures {

    private Failures() {}

    static String describe(IOException e, HttpUrl url, String timedOut) {
        if (e instanceof PublicAddressGuard.RefusedAddressException) return e.getMessage();
        PublicAddressGuard.RefusedHostException refused = find(e, PublicAddressGuard.RefusedHostException.class);
        if (refused != null) return refused.getMessage();
        if (e instanceof InterruptedIOException) {
            return Thread.currentThread().isInterrupted() ? "interrupted" : timedOut;
        }
        if (e instanceof UnknownHostException) return "unknown host " + url.host();
        if (e instanceof NoRouteToHostException || mentions(e, "No route to host")) return "no route to host";
        if (e instanceof ConnectException) {
            return mentions(e, "refused") ? "connection refused" : "could not connect: " + rootMessage(e);
        }
        if (has(e, SSLException.class)) return "TLS: " + rootMessage(e);
        return rootMessage(e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) return type.cast(s);
            }
        }
        return null;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static boolean mentions(Throwable e, String words) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(words)) return true;
        }
        return false;
    }

    /** The innermost message says what went wrong; the outer ones say where. First line only. */
    static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
            if (t.getCause() == t) break;
        }
        if (message == null) return e.getClass().getSimpleName();
        return message.strip().lines().findFirst().orElse(message).strip();
    }
}
