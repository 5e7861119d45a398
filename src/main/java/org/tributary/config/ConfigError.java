package org.tributary.config;

/**
 * One problem in a config file, pointing at the value or key that causes it, so an editor can jump there.
 * Prints like a compiler message: {@code feeds.yml:14:5: sources[2].url: not an http(s) URL}.
 *
 * @param line   1-based; 0 when the problem is the file as a whole (it cannot be read)
 * @param column 1-based; 0 together with line
 * @param key    the key path ({@code sources[1].rules[0].when.title}); empty when the problem has no key
 */
public record ConfigError(String file, int line, int column, String key, String message) {

    public ConfigError {
        file = file == null ? "" : file;
        key = key == null ? "" : key;
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message is required");
        if (line < 0 || column < 0) throw new IllegalArgumentException("line and column are 1-based, or 0 for none");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) text.append(':').append(line).append(':').append(column);
        text.append(": ");
        if (!key.isEmpty()) text.append(key).append(": ");
        return text.append(message).toString();
    }
}
