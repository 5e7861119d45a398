package org.tributary.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.tributary.config.Config;
import org.tributary.store.Events;
import org.tributary.store.Store;

/**
 * What an export was made from, kept beside it (.tributary-export): the store's published version, the config and
 * the program, and the span of time its events lists hold for. The documents are a function of those, so an export
 * whose stamp matches writes nothing: a cron run after a refresh that found nothing new (every source a 304) costs a
 * read of one row and one aggregate over the event items instead of rendering every page. The serve caches documents by the same version. The events pages and calendars
 * also move on with the clock (an event leaves the pages once it is over, and the calendars 30 days later): the
 * stamp keeps the span of time in which they read the same (from just after the last event end before the export
 * through the next one, see {@link Events#unchangedSpan}), and an export at a moment outside it finds another span
 * and is written again; two exports in one span write the same stamp. An export
 * that depends on the time in every document (a source hides its past events) is always written in full; so is one
 * whose directory has lost a file the stamp lists.
 *
 * @param text the version, config, program and events lines; null: never current
 */
record ExportStamp(String text) {

    static final String FILE = ".tributary-export";

    /** @param events {@link Events#unchangedSpan} at the moment of the export, read before it renders anything */
    static ExportStamp of(Store.PublishVersion version, Config config, Events.Span events) {
        BuildInfo build = BuildInfo.current();
        String text = "version " + version.version() + " " + version.changedAt() + "\n"
                + "config " + sha256(config.toString()) + "\n"
                + "program " + build.version() + " " + build.commit() + " " + programModified() + "\n"
                + "events " + bound(events.after()) + " " + bound(events.through()) + "\n";
        return new ExportStamp(config.sourcesHidingPastEvents().isEmpty() ? text : null);
    }

    /**
     * True when out was written from the same version, config and program in the same span of the events lists, and
     * still has every file it had.
     */
    boolean isCurrentIn(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (text == null || !Files.isRegularFile(file)) return false;
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        if (!stored.startsWith(text)) return false;
        for (String line : stored.substring(text.length()).split("\n")) {
            if (!line.isEmpty() && !Files.isRegularFile(out.resolve(line))) return false;
        }
        return true;
    }

    /** An instant of the span, "-" for none. */
    private static String bound(Instant t) {
        return t == null ? "-" : t.toString();
    }

    /** Written last, after every document: an export cut short leaves the old stamp or none, never a false one. */
    void writeTo(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (text == null) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder b = new StringBuilder(text);
        try (var files = Files.walk(out)) {
            files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
                    .filter(name -> !name.equals(FILE)).sorted().forEach(name -> b.append(name).append('\n'));
        }
        Path tmp = out.resolve(FILE + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** When the program's own jar (or classes directory) last changed: a rebuilt renderer must not be skipped. */
    private static long programModified() {
        CodeSource code = ExportStamp.class.getProtectionDomain().getCodeSource();
        try {
            return code == null ? 0 : Files.getLastModifiedTime(Path.of(code.getLocation().toURI())).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return System.nanoTime(); // unknown: never equal, so the export is written
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
