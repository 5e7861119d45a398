package org.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressGuardTest {

    @ParameterizedTest(name = "{0} private={1}")
    @CsvSource({
        "127.0.0.1, true", "127.8.9.10, true", "::1, true", "10.1.2.3, true", "172.16.0.1, true",
        "172.31.255.255, true", "192.168.1.1, true", "169.254.169.254, true", "fe80::1, true",
        "fd12:3456::1, true", "0.0.0.0, true", "100.64.0.1, true", "224.0.0.1, true",
        "93.184.216.34, false", "172.32.0.1, false", "100.128.0.1, false", "8.8.8.8, false",
        "2606:4700::1111, false"
    })
    void knowsPrivateFromPublic(String literal, boolean expected) throws UnknownHostException {
        assertThat(PublicAddressGuard.isPrivate(InetAddress.getByName(literal))).isEqualTo(expected);
    }
}
