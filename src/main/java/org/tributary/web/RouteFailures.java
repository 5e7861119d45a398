package org.tributary.web;

import io.javalin.http.Context;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.logging.RepeatedFailures;
import org.tributary.store.Store;

/**
 * What a request gets when one of Javalin's routes (status, metrics, health, admin) throws: a short answer that
 * says nothing of the exception (its text may quote SQL, a path, a source's data), 503 with Retry-After while the
 * store fails (a client should come back, not give up), else 500. The answer keeps the CORS header the route had
 * set, so that a page's fetch sees the status rather than a CORS error; the admin API answers in its own JSON.
 *
 * <p>The log gets the cause: a full trace once a minute per distinct cause, the occurrences in between counted
 * ({@link RepeatedFailures}); a failure of the store nothing at all, since the store reports itself once a minute.
 * Documents fail the same way in front of Javalin, in {@link DocumentHandler}.
 */
final class RouteFailures {

    private static final Logger log = LoggerFactory.getLogger(RouteFailures.class);

    private final RepeatedFailures unexpected;
    private final BooleanSupplier storeFailing;

    /** @param storeFailing whether the store as a whole is known to fail now */
    RouteFailures(RepeatedFailures unexpected, BooleanSupplier storeFailing) {
        this.unexpected = unexpected;
        this.storeFailing = storeFailing;
    }

    RouteFailures(BooleanSupplier storeFailing) {
        this(new RepeatedFailures(log), storeFailing);
    }

    /** Javalin's exception handler for every route. */
    void answer(Exception e, Context ctx) {
        boolean store = Store.isStoreFailure(e);
        if (store) log.debug("web: {} {} failed: the store fails: {}", ctx.method(), ctx.path(), e.toString());
        else unexpected.error(e, "web: {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
        if (ctx.res().isCommitted()) return;   // part of an answer is out: Jetty ends the exchange
        String cors = ctx.res().getHeader("Access-Control-Allow-Origin");
        ctx.res().reset();                      // nothing the route had set (a type, validators) stays
        if (cors != null) ctx.header("Access-Control-Allow-Origin", cors);
        boolean unavailable = store || storeFailing.getAsBoolean();
        int status = unavailable ? 503 : 500;
        String reason = unavailable ? "temporarily unavailable; try again" : "internal error";
        if (unavailable) ctx.header("Retry-After", "5");
        if (ctx.path().startsWith("/admin/")) {
            AdminApi.error(ctx, status, reason);
        } else {
            ctx.status(status).contentType("text/plain; charset=utf-8").result(reason + "\n");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
        }
    }
}
