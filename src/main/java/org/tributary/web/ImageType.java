package org.tributary.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats the proxy passes on. An image is served only when the partner's Content-Type names one of
 * these and its first bytes are that format's signature: SVG (which can carry script) and anything a browser might
 * sniff into something else are refused, whatever they are called.
 */
enum ImageType {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp"),
    AVIF("image/avif", "avif");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    final String mediaType;
    final String extension;

    ImageType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The format a Content-Type header names ("image/png; charset=x" included), if it is one of ours. */
    static Optional<ImageType> ofContentType(String contentType) {
        if (contentType == null) return Optional.empty();
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media.equals("image/jpg") || media.equals("image/pjpeg")) return Optional.of(JPEG);
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(media)).findFirst();
    }

    static Optional<ImageType> ofExtension(String extension) {
        return Arrays.stream(values()).filter(t -> t.extension.equals(extension)).findFirst();
    }

    /** Whether the bytes start with this format's signature. */
    boolean matches(byte[] b) {
        return switch (this) {
            case PNG -> startsWith(b, 0, PNG_SIGNATURE);
            case JPEG -> b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
            case GIF -> startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"));
            case WEBP -> startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"));
            // An ISO BMFF "ftyp" box whose major brand is an AVIF image or sequence.
            case AVIF -> startsWith(b, 4, ascii("ftyp"))
                    && (startsWith(b, 8, ascii("avif")) || startsWith(b, 8, ascii("avis")));
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (bytes.length < at + prefix.length) return false;
        return Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
