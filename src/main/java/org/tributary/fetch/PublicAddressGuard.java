package org.tributary.fetch;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps a feed URL (or a redirect) from reaching our own network. It looks at the address actually connected to,
 * on every hop, so a DNS answer that changes between checks cannot slip past it. Runs before any request bytes
 * are written (for https the TLS handshake has already happened by then).
 */
final class PublicAddressGuard implements Interceptor {

    private final Set<String> allowed;

    /** @param allowPrivate "host:port" exceptions, host as written in the URL ("127.0.0.1:8099", "localhost:8099") */
    PublicAddressGuard(List<String> allowPrivate) {
        this.allowed = allowPrivate.stream().map(PublicAddressGuard::normalize).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        InetAddress address = chain.connection().route().socketAddress().getAddress();
        if (address == null) throw new RefusedAddressException("refused unresolved address");
        if (isPrivate(address) && !allowed.contains(key(chain.request().url()))) {
            throw new RefusedAddressException("refused private address " + address.getHostAddress());
        }
        return chain.proceed(chain.request());
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && (second & 0xc0) == 64); // 0/8 "this network", 100.64/10 carrier NAT
    }

    private static String key(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return normalize(host + ":" + url.port());
    }

    private static String normalize(String hostPort) {
        return hostPort.strip().toLowerCase(Locale.ROOT);
    }

    /** Its message is the whole reason shown to people. */
    static final class RefusedAddressException extends IOException {
        RefusedAddressException(String reason) {
            super(reason);
        }
    }
}
