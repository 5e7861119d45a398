package org.tributary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the schema. Migrations live in one folder per vendor (db/migration/h2, .../postgresql)
 * and are append-only.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final String vendor;
    private final List<HikariDataSource> sidePools = new ArrayList<>();

    private Database(HikariDataSource dataSource, String vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
    }

    /**
     * The embedded default: an H2 file under dataDir. WRITE_DELAY=0 makes every commit reach the file before it is
     * acknowledged (H2's default of 500 ms loses acknowledged commits on kill -9); the default file lock refuses a
     * second process on the same directory. QUERY_CACHE_SIZE keeps every statement of a refresh parsed (H2 keeps 8
     * per connection by default, fewer than one refresh uses, so it parsed most SQL again on every fetch); CACHE_SIZE
     * (KB) keeps 64 MB of pages instead of 16, since a page read from the file is deserialized with its rows' HTML.
     */
    public static Database h2(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        Path file = dir.resolve(H2_FILE);
        refuseEmpty(file);
        privateDirectory(dir);
        String url = "jdbc:h2:file:" + dir.resolve("tributary")
                + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=65536";
        Database database = open(url, "sa", "", "h2");
        try {
            ownerOnly(file, "rw-------");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static final String H2_FILE = "tributary.mv.db";

    /**
     * H2 takes an empty file for a new database and starts afresh in it, silently: after a full disk or a botched
     * copy, every item would seem gone and the next refresh would fill a new history. Such a file is refused, as a
     * corrupt one is.
     */
    private static void refuseEmpty(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                throw new StoreException("store: " + file + " is empty (0 bytes), not a database; restore a backup "
                        + "(tributary restore) or move the file away to start a new, empty database");
            }
        } catch (IOException e) {
            throw new StoreException("store: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A data directory we create is the owner's alone (0700): it holds the database and the admin token. */
    private static void privateDirectory(Path dir) {
        if (Files.isDirectory(dir)) return;
        try {
            if (posix(dir.getParent())) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException("store: cannot create the data directory " + dir + ": " + e.getMessage());
        }
    }

    /** The database file is the owner's alone (0600), whatever the umask: it holds every item and editors' notes. */
    private static void ownerOnly(Path file, String mode) {
        if (!Files.exists(file) || !posix(file)) return;
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("store: cannot make " + file + " private (" + mode + "): " + e.getMessage());
        }
    }

    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Any JDBC URL; the vendor folder is chosen from it. */
    public static Database open(String jdbcUrl, String user, String password) {
        String vendor = jdbcUrl.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        return open(jdbcUrl, user, password, vendor);
    }

    private static Database open(String url, String user, String password, String vendor) {
        HikariDataSource ds = new HikariDataSource(poolConfig(url, user, password, "tributary", 8));
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/" + vendor)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, vendor);
    }

    private static HikariConfig poolConfig(String url, String user, String password, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        // Fail at once with the driver's message (e.g. "database already in use"), not after a 30 s retry loop.
        config.setInitializationFailTimeout(1);
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True for a shared server database (PostgreSQL), where several nodes may run; false for the embedded H2 file. */
    public boolean isShared() {
        return vendor.equals("postgresql");
    }

    /**
     * A second pool on the same database, closed with this one, for bookkeeping that may lose its last moments in a
     * database crash: the clustered scheduler's. Its own pool, so that refreshes busy writing items never starve
     * Quartz of the connection it needs to hand out the next trigger or to check in (a node that cannot check in
     * looks dead to the others). On PostgreSQL its commits do not wait for the disk (synchronous_commit off): every
     * trigger fired takes three short transactions under Quartz's one cluster-wide row lock, and waiting for a flush
     * inside that lock is what kept a second node from adding throughput (bench/cluster). A crash can lose only the
     * last fraction of a second of them, never corrupt them, and the worst that follows is a source fetched once more
     * or a little late. The store's own pool keeps durable commits.
     */
    public synchronized DataSource sidePool(String name, int size) {
        HikariConfig config = poolConfig(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword(),
                name, size);
        if (isShared()) config.setConnectionInitSql("SET synchronous_commit TO off");
        HikariDataSource side = new HikariDataSource(config);
        sidePools.add(side);
        return side;
    }

    public String vendor() {
        return vendor;
    }

    /** True when the database answers a trivial query within a second. */
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        sidePools.forEach(HikariDataSource::close);
        dataSource.close();
    }
}
