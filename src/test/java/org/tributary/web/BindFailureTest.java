package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Binding fails for two reasons Javalin calls both "Port already in use"; the operator is told which. */
class BindFailureTest {

    /** What Javalin throws: its message, the real BindException as the cause. */
    private static RuntimeException javalinFailure(String host, int port) throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            return new RuntimeException("Port already in use. Make sure no other process is using port " + port
                    + " and try again.", e);
        }
        throw new AssertionError("bound " + host + ":" + port);
    }

    @Test
    void anAddressNotOnThisMachineIsSaidToBeThat() throws Exception {
        // TEST-NET-1 (RFC 5737): never an address of this machine.
        RuntimeException e = WebServer.bindFailure("192.0.2.44", 8080, javalinFailure("192.0.2.44", 0));
        assertThat(e.getMessage()).startsWith("--host 192.0.2.44: not an address of this machine")
                .doesNotContain("Port already in use");
    }

    @Test
    void aPortTakenByAnotherProcessIsSaidToBeThat() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            RuntimeException e = WebServer.bindFailure("127.0.0.1", port, javalinFailure("127.0.0.1", port));
            assertThat(e.getMessage()).contains("Port already in use").contains("port " + port + " on 127.0.0.1");
        }
    }

    @Test
    void otherFailuresPassThrough() {
        RuntimeException other = new IllegalStateException("scheduler down");
        assertThat(WebServer.bindFailure("127.0.0.1", 1, other)).isSameAs(other);
    }
}
