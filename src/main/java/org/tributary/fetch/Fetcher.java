package org.tributary.fetch;

import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.tributary.config.FetchSettings;

/**
 * Fetches one source with a conditional GET and turns every remote outcome into a {@link FetchResult} value.
 * One instance (one OkHttpClient, one connection pool) serves every source; it is safe to share between threads.
 */
public final class Fetcher implements AutoCloseable {

    private final OkHttpClient client;
    private final PublicAddressGuard guard;
    private final ConcurrencyLimits limits;
    private final SourceTls tls;
    private final InstantSource clock;
    private final long timeoutNanos;
    private final long maxBytes;
    private final String timedOut;
    private final String tooLarge;

    public Fetcher(FetchSettings settings, InstantSource clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.timeoutNanos = settings.timeout().toNanos();
        this.maxBytes = settings.maxBytes();
        this.timedOut = "timed out after " + HumanUnits.duration(settings.timeout());
        this.tooLarge = "body over " + HumanUnits.size(settings.maxBytes());
        this.guard = new PublicAddressGuard(settings.allowPrivate());
        this.limits = new ConcurrencyLimits(settings.perHost(), settings.maxConcurrent());
        this.client = new OkHttpClient.Builder()
                // We follow redirects ourselves: a hop limit of 5 and no https → http, with a reason for each.
                .followRedirects(false)
                .followSslRedirects(false)
                // One deadline for the whole fetch; the per-phase timeouts would only fire with vaguer messages.
                .callTimeout(settings.timeout())
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                // The address guard must see the feed's server, not a proxy picked up from system properties.
                .proxy(Proxy.NO_PROXY)
                // Names that resolve to our own network are refused before connecting: no TLS handshake reaches them.
                .dns(guard.dns(Dns.SYSTEM))
                .addInterceptor(new StandardHeaders(settings.userAgent()))
                .addNetworkInterceptor(guard)
                .build();
        this.tls = new SourceTls(client);
    }

    /**
     * Never throws for a remote problem: a 404, a timeout or a refused redirect is a {@link FetchResult.Failed}.
     * Waits first for a free slot for the URL's host and overall; the deadline starts once the slot is ours.
     */
    public FetchResult fetch(FetchRequest request) {
        long startMillis = clock.millis();
        HttpUrl url = HttpUrl.parse(request.url().toString());
        if (url == null) return failed(request, startMillis, 0, "not an http(s) URL");
        OkHttpClient sourceClient;
        try {
            sourceClient = tls.clientFor(request.options());
        } catch (IOException e) {
            return failed(request, startMillis, 0, e.getMessage());
        }
        try (ConcurrencyLimits.Permit permit = limits.acquire(url.host())) {
            return fetch(request, url, sourceClient, clock.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(request, startMillis, 0, "interrupted");
        }
    }

    private FetchResult fetch(FetchRequest request, HttpUrl url, OkHttpClient sourceClient, long startMillis) {
        // OkHttp's call timer is monotonic, so the deadline is too; only the reported millis come from the clock.
        long deadline = System.nanoTime() + timeoutNanos;
        boolean allPermanent = true;
        for (int hop = 0; ; hop++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) return failed(request, startMillis, 0, timedOut);
            Optional<String> refused = guard.beforeConnect(url);
            if (refused.isPresent()) return failed(request, startMillis, 0, refused.get());
            Call call = sourceClient.newCall(conditionalGet(url, request));
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                int code = response.code();
                if (!Redirects.isRedirect(code)) {
                    URI finalUrl = hop == 0 ? request.url() : url.uri();
                    URI permanent = hop > 0 && allPermanent ? finalUrl : null;
                    return complete(request, response, finalUrl, permanent, startMillis, call);
                }
                allPermanent &= Redirects.isPermanent(code);
                HttpUrl next = Redirects.target(url, response.header("Location"));
                Optional<String> refusal = Redirects.refusal(code, url, next, hop);
                if (refusal.isPresent()) return failed(request, startMillis, code, refusal.get());
                url = next;
            } catch (IOException e) {
                return failed(request, startMillis, 0, describe(e, url, call));
            }
        }
    }

    private FetchResult complete(FetchRequest request, Response response, URI finalUrl, URI permanent,
                                 long startMillis, Call call) {
        int code = response.code();
        if (code == 304) {
            return new FetchResult.NotModified(request.sourceId(),
                    orElse(response.header("ETag"), request.etag()),
                    orElse(response.header("Last-Modified"), request.lastModified()),
                    clock.millis() - startMillis, permanent, ResponseTimes.freshUntil(response, clock.instant()));
        }
        if (code == 429 || code == 503) {
            return new FetchResult.Failed(request.sourceId(), code, "HTTP " + code, clock.millis() - startMillis,
                    ResponseTimes.retryAfter(response.header("Retry-After"), clock.instant()));
        }
        if (code < 200 || code > 299) return failed(request, startMillis, code, "HTTP " + code);
        ResponseBody body = response.body();
        // A declared length only exists here for identity bodies: OkHttp drops it when it un-gzips.
        if (body.contentLength() > maxBytes) return failed(request, startMillis, code, tooLarge);
        Optional<byte[]> bytes;
        try {
            bytes = BoundedBody.read(body.source(), maxBytes);
        } catch (IOException e) {
            return failed(request, startMillis, code, describe(e, response.request().url(), call));
        }
        if (bytes.isEmpty()) return failed(request, startMillis, code, tooLarge);
        return new FetchResult.Fetched(request.sourceId(), code, bytes.get(), response.header("Content-Type"),
                finalUrl, resolve(finalUrl, response.header("Content-Location")),
                response.header("ETag"), response.header("Last-Modified"), clock.millis() - startMillis, permanent,
                ResponseTimes.freshUntil(response, clock.instant()));
    }

    private static Request conditionalGet(HttpUrl url, FetchRequest request) {
        Request.Builder builder = new Request.Builder().url(url).get();
        validator(builder, "If-None-Match", request.etag());
        validator(builder, "If-Modified-Since", request.lastModified());
        return builder.build();
    }

    /** A stored validator OkHttp refuses to send (a control character, say) is dropped: it only saves bandwidth. */
    private static void validator(Request.Builder builder, String name, String value) {
        if (value == null || value.isBlank()) return;
        try {
            builder.header(name, value);
        } catch (IllegalArgumentException unsendable) {
            // Sending an unconditional GET is the right fallback; the next 200 brings fresh validators.
        }
    }

    private String describe(IOException e, HttpUrl url, Call call) {
        // OkHttp reports its own call timeout as a cancelled call with an InterruptedIOException.
        if (call.isCanceled() && !Thread.currentThread().isInterrupted()) return timedOut;
        return Failures.describe(e, url, timedOut);
    }

    private FetchResult.Failed failed(FetchRequest request, long startMillis, int status, String reason) {
        return new FetchResult.Failed(request.sourceId(), status, reason, clock.millis() - startMillis);
    }

    private static URI resolve(URI base, String reference) {
        if (reference == null || reference.isBlank()) return null;
        try {
            return base.resolve(new URI(reference.strip()));
        } catch (URISyntaxException | IllegalArgumentException unusable) {
            return null; // a broken Content-Location is the server's problem; finalUrl still resolves links
        }
    }

    private static String orElse(String fresh, String stored) {
        return fresh != null ? fresh : stored;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
