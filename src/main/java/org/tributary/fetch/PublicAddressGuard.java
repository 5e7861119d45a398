package org.tributary.fetch;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps a feed URL (or a redirect) from reaching our own network: loopback, private (RFC 1918), link-local (cloud
 * metadata at 169.254.169.254), unique-local, carrier NAT, multicast, reserved and unspecified addresses. Three
 * checks, because OkHttp connects to IP literals without asking its {@link Dns}:
 * <ol>
 *   <li>{@link #beforeConnect} on every hop: an IP literal is judged before any socket is opened, and a host written
 *       as a number in a form browsers and C resolvers read differently ({@code 2130706433}, {@code 0x7f.1},
 *       {@code 0177.0.0.1}, {@code 127.1}) is refused outright;</li>
 *   <li>{@link #dns}: a host name that resolves to such an address is refused before connecting, so not even a TLS
 *       handshake reaches it;</li>
 *   <li>the network interceptor: the address actually connected to, with the exact host:port exceptions.</li>
 * </ol>
 */
final class PublicAddressGuard implements Interceptor {

    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(?:0x[0-9a-f]*|[0-9]+)(?:\\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final Set<String> allowed;
    private final Set<String> allowedHosts;

    /** @param allowPrivate "host:port" exceptions, host as written in the URL ("127.0.0.1:8099", "localhost:8099") */
    PublicAddressGuard(List<String> allowPrivate) {
        this.allowed = allowPrivate.stream().map(PublicAddressGuard::normalize).collect(Collectors.toUnmodifiableSet());
        this.allowedHosts = allowed.stream().map(PublicAddressGuard::hostOf).collect(Collectors.toUnmodifiableSet());
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

    /** Why this URL must not be connected to, judged from the URL alone (and DNS for an allowed host's other ports). */
    Optional<String> beforeConnect(HttpUrl url) {
        String host = url.host();
        if (allowed.contains(key(url))) return Optional.empty();
        boolean ipv6 = host.contains(":");
        if (!ipv6 && NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("refused IP address in a non-standard form: " + host);
        }
        try {
            if (ipv6 || DOTTED_QUAD.matcher(host).matches()) {
                InetAddress literal = InetAddress.getByName(host); // a literal: no lookup happens
                return isPrivate(literal) ? Optional.of(refusedMessage(literal)) : Optional.empty();
            }
            if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
                // The Dns below lets this host's private addresses through for its allowed port; not for this one.
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (isPrivate(a)) return Optional.of(refusedMessage(a));
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // OkHttp will report the unknown host in its own words
        }
        return Optional.empty();
    }

    /** Resolves through {@code delegate} and refuses names that lead to our own network. */
    Dns dns(Dns delegate) {
        return hostname -> {
            List<InetAddress> all = delegate.lookup(hostname);
            if (allowedHosts.contains(hostname.toLowerCase(Locale.ROOT))) return all;
            List<InetAddress> usable = new ArrayList<>();
            for (InetAddress a : all) {
                if (!isPrivate(a)) usable.add(a);
            }
            // One private answer among public ones is a rebinding trick or a misconfiguration: refuse the name.
            if (usable.size() < all.size()) {
                InetAddress bad = all.stream().filter(PublicAddressGuard::isPrivate).findFirst().orElseThrow();
                throw new RefusedHostException(refusedMessage(bad) + " (" + hostname + ")");
            }
            return usable;
        };
    }

    private static String refusedMessage(InetAddress address) {
        return "refused private address " + address.getHostAddress();
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) return isPrivate6(b);
        return isPrivate4(b);
    }

    private static boolean isPrivate4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0                                   // "this network"
                || first == 10 || first == 127
                || (first == 100 && (second & 0xc0) == 64)  // 100.64/10 carrier NAT
                || (first == 169 && second == 254)
                || (first == 172 && (second & 0xf0) == 16)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                || (first == 198 && (second & 0xfe) == 18)  // 198.18/15 benchmarking
                || first >= 224;                            // multicast, reserved, broadcast
    }

    private static boolean isPrivate6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) zeros80 &= b[i] == 0;
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): judge the IPv4 address inside.
        if (zeros80 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return isPrivate4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        // 64:ff9b::/96 NAT64 carries an IPv4 address too.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return isPrivate4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        return false;
    }

    private static String key(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return normalize(host + ":" + url.port());
    }

    private static String hostOf(String hostPort) {
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
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

    /** Thrown from {@link #dns}, where OkHttp expects an UnknownHostException; its message is the whole reason. */
    static final class RefusedHostException extends UnknownHostException {
        RefusedHostException(String reason) {
            super(reason);
        }
    }
}
