package org.tributary.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how to decode a feed's bytes: a byte-order mark, then the XML declaration, then the HTTP charset, then UTF-8.
 *
 * <p>The XML declaration beats the HTTP charset on purpose (RFC 3023 says the opposite for text/xml): the program
 * that wrote the document knows its encoding better than a web server's default configuration does.
 */
final class CharsetSniffer {

    /** How to decode: the charset and how many leading bytes (a byte-order mark) to skip. */
    record Decision(Charset charset, int skip) {}

    private static final Pattern DECLARED =
            Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:+-]{1,40})[\"']");
    private static final Pattern HTTP_CHARSET =
            Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:+-]{1,40})");

    private CharsetSniffer() {}

    static Decision detect(byte[] b, String contentType) {
        Decision bom = byteOrderMark(b);
        if (bom != null) return bom;
        // Without a BOM, UTF-16/32 still show themselves by how "<?" is laid out; the declaration can only repeat that.
        Charset wide = wideWithoutBom(b);
        if (wide != null) return new Decision(wide, 0);
        Charset declared = declared(b);
        if (declared != null) return new Decision(declared, 0);
        Charset http = httpCharset(contentType);
        return new Decision(http != null ? http : StandardCharsets.UTF_8, 0);
    }

    private static Decision byteOrderMark(byte[] b) {
        if (starts(b, 0xEF, 0xBB, 0xBF)) return new Decision(StandardCharsets.UTF_8, 3);
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) return forName("UTF-32BE", 4);
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) return forName("UTF-32LE", 4);
        if (starts(b, 0xFE, 0xFF)) return new Decision(StandardCharsets.UTF_16BE, 2);
        if (starts(b, 0xFF, 0xFE)) return new Decision(StandardCharsets.UTF_16LE, 2);
        return null;
    }

    private static Charset wideWithoutBom(byte[] b) {
        if (starts(b, 0x00, 0x00, 0x00, 0x3C)) return charset("UTF-32BE");
        if (starts(b, 0x3C, 0x00, 0x00, 0x00)) return charset("UTF-32LE");
        if (starts(b, 0x00, 0x3C, 0x00, 0x3F)) return StandardCharsets.UTF_16BE;
        if (starts(b, 0x3C, 0x00, 0x3F, 0x00)) return StandardCharsets.UTF_16LE;
        return null;
    }

    private static Charset declared(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) return null;
        String name = m.group(1).toUpperCase(Locale.ROOT);
        // The bytes are ASCII-compatible here, so a declared UTF-16/32 is wrong; fall through to the next clue.
        if (name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.equals("UCS-2") || name.equals("UCS-4")) {
            return null;
        }
        return charset(name);
    }

    static Charset httpCharset(String contentType) {
        if (contentType == null) return null;
        Matcher m = HTTP_CHARSET.matcher(contentType);
        return m.find() ? charset(m.group(1)) : null;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unknownOrIllegal) {
            return null;
        }
    }

    private static Decision forName(String name, int skip) {
        Charset cs = charset(name);
        return cs == null ? null : new Decision(cs, skip);
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }
}
