package org.tributary.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether the schema already has every migration bundled with this build, told by one query on Flyway's history
 * table and a listing of the migration folder: then there is nothing for Flyway to do, and starting it (loading it,
 * reading and checksumming every script, validating the history) is most of what opening the database costs a short
 * command such as {@code status} or {@code check}. Any doubt (no history yet, a failed or missing migration, one
 * applied that this build does not have, a folder it cannot list) answers "not current", and Flyway runs as before.
 * Migrations are append-only, so a script edited after it was applied is the one thing only Flyway's full
 * validation would notice; it still runs whenever a migration is to be applied.
 */
final class SchemaHistory {

    /** Flyway's versioned migration names: V15__store_probe.sql is version "15". */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private SchemaHistory() {}

    /** True when the applied migrations are exactly the ones bundled in {@code folder} (e.g. db/migration/h2). */
    static boolean isCurrent(DataSource dataSource, String folder) {
        Optional<Set<String>> bundled = bundled(folder);
        if (bundled.isEmpty() || bundled.get().isEmpty()) return false;
        Optional<Set<String>> applied = applied(dataSource);
        return applied.isPresent() && applied.get().equals(bundled.get());
    }

    /** The versions of the migrations applied with success, or empty when there is no history to read. */
    private static Optional<Set<String>> applied(DataSource dataSource) {
        Set<String> versions = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) return Optional.empty();
                versions.add(rs.getString(1));
            }
        } catch (SQLException noHistoryYet) {
            return Optional.empty();
        }
        return Optional.of(versions);
    }

    /** The versions of the migration scripts in the folder on the class path (a directory or a jar). */
    private static Optional<Set<String>> bundled(String folder) {
        URL url = SchemaHistory.class.getClassLoader().getResource(folder);
        if (url == null) return Optional.empty();
        Set<String> versions = new TreeSet<>();
        try {
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.forEach(f -> version(f.getFileName().toString()).ifPresent(versions::add));
                }
            } else if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                String prefix = folder + "/";
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                            version(name.substring(prefix.length())).ifPresent(versions::add);
                        }
                    }
                }
            } else {
                return Optional.empty();
            }
        } catch (IOException | URISyntaxException | RuntimeException unlisted) {
            return Optional.empty();
        }
        return Optional.of(versions);
    }

    private static Optional<String> version(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1).replace('_', '.')) : Optional.empty();
    }
}
