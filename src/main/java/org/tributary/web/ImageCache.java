package org.tributary.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetched images on disk, one file per key ({@code KEY.png}: the extension keeps the type), bounded in bytes and in
 * files: the least recently served image goes first. A file's modification time is when it was last served, so a
 * restart picks the order up from the directory. The directory is read on first use, not before.
 */
final class ImageCache {

    private static final Logger log = LoggerFactory.getLogger(ImageCache.class);

    /** One cached image. */
    record Image(String key, ImageType type, byte[] bytes) {}

    private record Entry(ImageType type, long size) {}

    private final Path dir;
    private final long maxBytes;
    private final int maxFiles;
    private final InstantSource clock;
    /** Access order: the eldest is the least recently served. */
    private final LinkedHashMap<String, Entry> index = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private boolean loaded;

    ImageCache(Path dir, long maxBytes, int maxFiles, InstantSource clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        if (maxBytes < 1 || maxFiles < 1) throw new IllegalArgumentException("cache bounds must be positive");
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The image under key, if cached; it becomes the most recently served. */
    Optional<Image> get(String key) {
        Entry entry;
        synchronized (this) {
            load();
            entry = index.get(key);
        }
        if (entry == null) return Optional.empty();
        Path file = file(key, entry.type());
        try {
            byte[] body = Files.readAllBytes(file);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return Optional.of(new Image(key, entry.type(), body));
        } catch (NoSuchFileException evictedMeanwhile) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("images: cannot read {}: {}", file, e.toString());
            synchronized (this) {
                remove(key);
            }
            return Optional.empty();
        }
    }

    /** Keeps an image, then evicts the least recently served ones until the cache is within its bounds. */
    void put(String key, ImageType type, byte[] body) {
        if (body.length > maxBytes) return;
        try {
            synchronized (this) {
                load();
                Files.createDirectories(dir);
                remove(key);
                Path tmp = Files.createTempFile(dir, key, ".tmp");
                Files.write(tmp, body);
                // Readers see either no file or the whole image, never a half-written one.
                Files.move(tmp, file(key, type), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(file(key, type), FileTime.from(clock.instant()));
                index.put(key, new Entry(type, body.length));
                bytes += body.length;
                evict();
            }
        } catch (IOException e) {
            // A full disk costs the cache, not the answer: the image is still served from memory this once.
            log.warn("images: cannot cache {} in {}: {}", key, dir, e.toString());
        }
    }

    synchronized long bytes() {
        load();
        return bytes;
    }

    synchronized int files() {
        load();
        return index.size();
    }

    private void evict() {
        Iterator<Map.Entry<String, Entry>> eldest = index.entrySet().iterator();
        while ((bytes > maxBytes || index.size() > maxFiles) && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            eldest.remove();
            bytes -= e.getValue().size();
            delete(file(e.getKey(), e.getValue().type()));
        }
    }

    private void remove(String key) {
        Entry old = index.remove(key);
        if (old == null) return;
        bytes -= old.size();
        delete(file(key, old.type()));
    }

    /** Reads what an earlier run left: images oldest-served first, half-written files removed. */
    private void load() {
        if (loaded) return;
        loaded = true;
        if (!Files.isDirectory(dir)) return;
        record Found(String key, ImageType type, long size, FileTime served) {}
        List<Found> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dot = name.lastIndexOf('.');
                Optional<ImageType> type = dot < 0 ? Optional.empty() : ImageType.ofExtension(name.substring(dot + 1));
                if (type.isEmpty() || !org.tributary.publish.ImageLinks.isKey(name.substring(0, dot))) {
                    if (name.endsWith(".tmp")) delete(file);
                    continue;
                }
                found.add(new Found(name.substring(0, dot), type.get(), Files.size(file),
                        Files.getLastModifiedTime(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("images: cannot read the cache directory " + dir, e);
        }
        found.sort(Comparator.comparing(Found::served));
        for (Found f : found) {
            remove(f.key());   // the same key twice (another type): the later one stands
            index.put(f.key(), new Entry(f.type(), f.size()));
            bytes += f.size();
        }
        evict();
    }

    private Path file(String key, ImageType type) {
        return dir.resolve(key + "." + type.extension);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("images: cannot delete {}: {}", file, e.toString());
        }
    }
}
