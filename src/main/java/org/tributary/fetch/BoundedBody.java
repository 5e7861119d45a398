package org.tributary.fetch;

import java.io.IOException;
import java.util.Optional;
import okio.Buffer;
import okio.BufferedSource;

/** Reads a body without ever holding more than the cap (plus one segment): a gzip bomb stops at the cap. */
final class BoundedBody {

    private static final long SEGMENT = 8192;

    private BoundedBody() {}

    /** The bytes, or empty when the body is longer than maxBytes. */
    static Optional<byte[]> read(BufferedSource source, long maxBytes) throws IOException {
        Buffer buffer = new Buffer();
        while (source.read(buffer, SEGMENT) != -1) {
            if (buffer.size() > maxBytes) {
                buffer.clear();
                return Optional.empty();
            }
        }
        return Optional.of(buffer.readByteArray());
    }
}
