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
import org.tributary.store.Store;

/**
 * What an export was made from, kept beside it (.tributary-export): the store's published version, the config and
 * the program, and the moment it was made. The documents are a function of those, so an export whose stamp matches
 * writes nothing: a cron run after a refresh that found nothing new (every source a 304) costs a read of two rows
 * instead of rendering every page. The serve caches documents by the same version. The events pages and calendars
 * also move on with the clock (an event leaves the pages once it is over, and the calendars 30 days later): the
 * stamp keeps the last instant through which they stay the same, and an export after it is written again. An export
 * that depends on the time in every document (a source hides its past events) is always written in full; so is one
 * whose directory has lost a file the stamp lists.
 *
 * @param text  the version, config and program lines; null: never current
 * @param made  when the export was made
 * @param until the last instant its time-dependent documents are good for, null when only a write changes them
 */
record ExportStamp(String text, Instant made, Instant until) {

    static final String FILE = ".tributary-export";

    /**
     * @param now   the moment the export is made, read before any document is rendered
     * @param until the last instant the events lists read at now stay the same, null when they change only by a
     *              write (see {@link org.tributary.store.Events#listsUnchangedThrough})
     */
    static ExportStamp of(Store.PublishVersion version, Config config, Instant now, Instant until) {
        BuildInfo build = BuildInfo.current();
        String text = "version " + version.version() + " " + version.changedAt() + "\n"
                + "config " + sha256(config.toString()) + "\n"
                + "program " + build.version() + " " + build.commit() + " " + programModified() + "\n";
        return new ExportStamp(config.sourcesHidingPastEvents().isEmpty() ? text : null, now, until);
    }

    private static final String TIME = "time ";

    /**
     * True when out was written from the same version, config and program, its time-dependent documents are still
     * good at this stamp's moment, and it still has every file it had.
     */
    boolean isCurrentIn(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (text == null || !Files.isRegularFile(file)) return false;
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        if (!stored.startsWith(text)) return false;
        String rest = stored.substring(text.length());
        int eol = rest.indexOf('\n');
        if (!rest.startsWith(TIME) || eol < 0 || !stillGood(rest.substring(TIME.length(), eol))) return false;
        for (String line : rest.substring(eol + 1).split("\n")) {
            if (!line.isEmpty() && !Files.isRegularFile(out.resolve(line))) return false;
        }
        return true;
    }

    /**
     * "MADE UNTIL" as written by {@link #writeTo} ("-" for no until): good when this moment is not before the one
     * it was made at (a clock set back could bring past events back) and not after its until.
     */
    private boolean stillGood(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 2) return false;
        try {
            Instant storedMade = Instant.parse(parts[0]);
            if (made.isBefore(storedMade)) return false;
            return parts[1].equals("-") || !made.isAfter(Instant.parse(parts[1]));
        } catch (java.time.format.DateTimeParseException e) {
            return false; // a stamp from an older program, or edited: write the export again
        }
    }

    /** Written last, after every document: an export cut short leaves the old stamp or none, never a false one. */
    void writeTo(Path out) throws IOException {
        Path file = out.resolve(FILE);
        if (text == null) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder b = new StringBuilder(text).append(TIME).append(made).append(' ')
                .append(until == null ? "-" : until.toString()).append('\n');
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
