package org.tributary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.fetch.FetchResult;

/** An image is passed on only when its Content-Type is one we serve and its first bytes are that format's. */
class ImageTypeTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> cases() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0);
        byte[] jpeg = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10);
        byte[] webp = ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");
        byte[] avif = ascii("\u0000\u0000\u0000\u001cftypavif\u0000\u0000\u0000\u0000");
        byte[] html = ascii("<!doctype html><script>alert(1)</script>");
        byte[] svg = ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        return Stream.of(
                Arguments.of("image/png", png, null),
                Arguments.of("image/png; charset=binary", png, null),
                Arguments.of("IMAGE/JPEG", jpeg, null),
                Arguments.of("image/jpg", jpeg, null),
                Arguments.of("image/gif", ascii("GIF89a\u0001\u0000"), null),
                Arguments.of("image/gif", ascii("GIF87a\u0001\u0000"), null),
                Arguments.of("image/webp", webp, null),
                Arguments.of("image/avif", avif, null),
                Arguments.of("image/svg+xml", svg, "not an image type we serve (png, jpeg, gif, webp, avif): image/svg+xml"),
                Arguments.of("text/html", html, "not an image type we serve (png, jpeg, gif, webp, avif): text/html"),
                Arguments.of(null, png, "not an image type we serve (png, jpeg, gif, webp, avif): null"),
                Arguments.of("application/octet-stream", png, "not an image type we serve (png, jpeg, gif, webp, avif): application/octet-stream"),
                Arguments.of("image/png", html, "declared image/png but the bytes are not one"),
                Arguments.of("image/png", jpeg, "declared image/png but the bytes are not one"),
                Arguments.of("image/gif", svg, "declared image/gif but the bytes are not one"),
                Arguments.of("image/webp", ascii("RIFF\u0000\u0000\u0000\u0000WAVEfmt "), "declared image/webp but the bytes are not one"),
                Arguments.of("image/avif", ascii("\u0000\u0000\u0000\u001cftypmp42"), "declared image/avif but the bytes are not one"),
                Arguments.of("image/png", new byte[0], "declared image/png but the bytes are not one"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void servesOnlyADeclaredTypeWhoseBytesAgree(String contentType, byte[] body, String refusal) {
        FetchResult.Fetched fetched = new FetchResult.Fetched("images", 200, body, contentType,
                java.net.URI.create("https://img.example.org/a"), null, null, null, 1, null, null);
        assertThat(ImageProxy.refusal(fetched, 1 << 20)).isEqualTo(Optional.ofNullable(refusal));
    }

    @Test
    void anImageOverTheCapIsRefusedWhateverItIs() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0);
        FetchResult.Fetched fetched = new FetchResult.Fetched("images", 200, png, "image/png",
                java.net.URI.create("https://img.example.org/a"), null, null, null, 1, null, null);
        assertThat(ImageProxy.refusal(fetched, 10)).hasValue("image over 10 bytes");
        assertThat(ImageProxy.refusal(fetched, 11)).isEmpty();
    }
}
