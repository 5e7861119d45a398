package org.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressFormsTest {

    private final PublicAddressGuard guard = new PublicAddressGuard(List.of("127.0.0.1:8099"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "240.0.0.1",
            "255.255.255.255", "198.18.0.1", "192.0.0.8", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:a9fe:a9fe", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "::127.0.0.1"})
    void privateReservedAndWrappedAddressesAreRefused(String literal) throws Exception {
        assertThat(PublicAddressGuard.isPrivate(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.128.0.1", "100.63.255.255", "172.32.0.1", "192.169.0.1",
            "169.255.0.1", "198.20.0.1", "2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String literal) throws Exception {
        assertThat(PublicAddressGuard.isPrivate(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://0177.0.0.1/",
            "http://127.1/", "http://0/", "http://017700000001/", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:a9fe:a9fe]/", "http://169.254.169.254/", "http://127.0.0.1:8098/"})
    void refusedBeforeAnyConnection(String url) {
        assertThat(guard.beforeConnect(HttpUrl.get(url))).as(url).get().asString().startsWith("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8099/feed", "http://93.184.215.14/", "https://example.org/feed",
            "http://[2606:4700:4700::1111]/"})
    void publicOrExactlyAllowedUrlsPass(String url) {
        assertThat(guard.beforeConnect(HttpUrl.get(url))).as(url).isEmpty();
    }
}
