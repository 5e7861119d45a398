package org.tributary.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the two spellings we store it in. */
final class Hashes {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private Hashes() {}

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Lowercase RFC 4648 base32 without padding: short, case-proof and URL-safe for public ids. */
    static String base32(byte[] bytes) {
        StringBuilder b = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte x : bytes) {
            buffer = (buffer << 8) | (x & 0xFF);
            bits += 8;
            while (bits >= 5) {
                b.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) b.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        return b.toString();
    }
}
