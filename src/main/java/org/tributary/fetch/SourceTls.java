package org.tributary.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.tributary.config.FetchOptions;

/**
 * The per-source TLS opt-ins: a private CA (hostnames still verified), or one pinned certificate accepted even when
 * self-signed (the pin is the identity, so the hostname is not checked). Each variant is a derived client sharing
 * the base client's connection pool, dispatcher and interceptors; built once per distinct option set.
 */
final class SourceTls {

    private final OkHttpClient base;
    private final ConcurrentMap<FetchOptions, OkHttpClient> clients = new ConcurrentHashMap<>();

    SourceTls(OkHttpClient base) {
        this.base = base;
    }

    OkHttpClient clientFor(FetchOptions options) throws IOException {
        if (!options.customTls()) return base;
        OkHttpClient client = clients.get(options);
        if (client != null) return client;
        client = build(options);
        clients.putIfAbsent(options, client);
        return client;
    }

    private OkHttpClient build(FetchOptions options) throws IOException {
        try {
            X509TrustManager trust = options.tlsCa() != null ? privateCa(options) : new PinnedCertificate(options.tlsPin());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            OkHttpClient.Builder builder = base.newBuilder().sslSocketFactory(tls.getSocketFactory(), trust);
            if (options.tlsPin() != null) builder.hostnameVerifier((host, session) -> true);
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot use tls_ca " + options.tlsCa() + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager privateCa(FetchOptions options) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(options.tlsCa())) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) throw new CertificateException("no certificate in the file");
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : certificates) store.setCertificateEntry("ca" + i++, c);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) return x;
        }
        throw new CertificateException("no X.509 trust manager");
    }

    /** Trusts exactly the certificate whose public key hashes to the pin. */
    private static final class PinnedCertificate implements X509TrustManager {
        private final String pin;

        PinnedCertificate(String pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) throw new CertificateException("no server certificate");
            if (!pin.equals(pinOf(chain[0]))) {
                throw new CertificateException("server certificate does not match tls_pin (it is " + pinOf(chain[0]) + ")");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** "sha256/BASE64" of the certificate's SubjectPublicKeyInfo, as OkHttp's CertificatePinner writes pins. */
    static String pinOf(X509Certificate certificate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return "sha256/" + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
