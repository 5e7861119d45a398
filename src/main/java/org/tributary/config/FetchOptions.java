package org.tributary.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How one source is fetched beyond the global {@link FetchSettings}. TLS stays validated unless a source opts in to
 * one of two narrow exceptions.
 *
 * @param tlsCa    a PEM file of CA certificates trusted for this source only (a partner's private CA), or null;
 *                 hostnames are still verified
 * @param tlsPin   "sha256/BASE64" of the server certificate's public key (as OkHttp's CertificatePinner writes it):
 *                 that certificate is accepted even when self-signed, and nothing else is; or null
 * @param adaptive poll by the source's posting rate, between its {@code every} and 24 hours
 */
public record FetchOptions(Path tlsCa, String tlsPin, boolean adaptive) {

    public static final FetchOptions DEFAULTS = new FetchOptions(null, null, false);

    static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

    public FetchOptions {
        if (tlsCa != null && tlsPin != null) throw new IllegalArgumentException("tls_ca and tls_pin exclude each other");
        if (tlsPin != null && !PIN.matcher(tlsPin).matches()) throw new IllegalArgumentException("bad tls_pin");
    }

    /** True when the source needs its own TLS settings rather than the shared client's. */
    public boolean customTls() {
        return tlsCa != null || tlsPin != null;
    }
}
