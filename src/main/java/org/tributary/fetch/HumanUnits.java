package org.tributary.fetch;

import java.time.Duration;

/** Sizes and durations written the way feeds.yml writes them ("10 MB", "20s"), for failure reasons. */
final class HumanUnits {

    private HumanUnits() {}

    static String size(long bytes) {
        String[] names = {"GB", "MB", "KB"};
        long[] binary = {1L << 30, 1L << 20, 1L << 10};
        long[] decimal = {1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < names.length; i++) {
            // feeds.yml may mean either 10 × 2^20 or 10 × 10^6 by "10MB"; both read back as "10 MB".
            if (bytes >= binary[i] && bytes % binary[i] == 0) return bytes / binary[i] + " " + names[i];
            if (bytes >= decimal[i] && bytes % decimal[i] == 0) return bytes / decimal[i] + " " + names[i];
            if (bytes >= binary[i]) return oneDecimal(bytes / (double) binary[i]) + " " + names[i];
        }
        return bytes + " bytes";
    }

    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) return millis + "ms";
        if (millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1000 == 0) return millis / 1000 + "s";
        return oneDecimal(millis / 1000.0) + "s";
    }

    private static String oneDecimal(double value) {
        String text = String.format(java.util.Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
