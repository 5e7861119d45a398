package org.tributary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the schema. Migrations live in one folder per vendor (db/migration/h2, .../postgresql)
 * and are append-only.
 */
public final class Database implements AutoCloseable {

    /** Connections of the main pool; {@link ItemWrites} lets at most two fewer refreshes write at once. */
    static final int POOL_SIZE = 8;

    private final HikariDataSource dataSource;
    /** What statements get: the pool, refusing at once while the server is known to be unreachable. */
    private final DataSource guarded;
    private final String vendor;
    private final List<HikariDataSource> sidePools = new ArrayList<>();
    private final StoreFailures failures;
    private ScheduledExecutorService watcher;
    /** One connection of its own for /health, with short timeouts; made on first use. */
    private HikariDataSource healthPool;

    private Database(HikariDataSource dataSource, String vendor, StoreFailures failures) {
        this.dataSource = dataSource;
        this.guarded = new FailFast(dataSource, failures);
        this.vendor = vendor;
        this.failures = failures;
    }

    /**
     * The embedded default: an H2 file under dataDir. WRITE_DELAY=0 makes every commit reach the file before it is
     * acknowledged (H2's default of 500 ms loses acknowledged commits on kill -9); the default file lock refuses a
     * second process on the same directory. QUERY_CACHE_SIZE keeps every statement of a refresh parsed (H2 keeps 8
     * per connection by default, fewer than one refresh uses, so it parsed most SQL again on every fetch); CACHE_SIZE
     * (KB) keeps 64 MB of pages instead of 16, since a page read from the file is deserialized with its rows' HTML.
     * TRACE_LEVEL_FILE=0: H2 would otherwise write every error to tributary.trace.db beside the database, and on a
     * full disk it refilled whatever space an operator freed; our log has the errors.
     *
     * @throws DataDirectoryException when the directory or the database file cannot be read and written
     */
    public static Database h2(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        Path file = dir.resolve(H2_FILE);
        privateDirectory(dir);
        usable(dir, file);
        refuseEmpty(file);
        String url = "jdbc:h2:file:" + dir.resolve("tributary")
                + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=65536;TRACE_LEVEL_FILE=0";
        // The pools open only an existing file (IFEXISTS): when the data directory's file system is unmounted under
        // a running serve (to be checked and mounted again), H2 would otherwise make a new, empty database in the
        // bare mount point, keep it open under the mount, and never see the real one again.
        if (!Files.exists(file)) create(url);
        Database database = open(url + ";IFEXISTS=TRUE", "sa", "", "h2");
        try {
            ownerOnly(file, "rw-------");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static final String H2_FILE = "tributary.mv.db";

    /** Makes the new, empty database file (the schema follows with the migrations). */
    private static void create(String url) {
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
            c.isValid(1);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

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

    /**
     * The data directory must be readable, writable and searchable, and the database file readable and writable, by
     * the user running us: H2 would open an unwritable file read-only and every write would fail later, one by one.
     * (As root, only a read-only file system makes them unwritable: access(2) ignores the mode bits for root.)
     */
    private static void usable(Path dir, Path file) {
        if (!Files.isDirectory(dir)) throw new DataDirectoryException(dir + ": not a directory");
        if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new DataDirectoryException(dir + ": permission denied (the data directory must be readable and "
                    + "writable by the user running tributary" + user() + ")");
        }
        if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
            throw new DataDirectoryException(file + ": permission denied (the database file must be readable and "
                    + "writable by the user running tributary" + user() + ")");
        }
    }

    private static String user() {
        String name = System.getProperty("user.name");
        return name == null || name.isBlank() ? "" : ", " + name;
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
        } catch (AccessDeniedException e) {
            throw new DataDirectoryException(dir + ": permission denied (cannot create the data directory)");
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getMessage() : e.getReason();
            if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("read-only")) {
                throw new DataDirectoryException(dir + ": permission denied (cannot create the data directory: "
                        + reason + ")");
            }
            throw new StoreException("store: cannot create the data directory " + dir + ": " + e.getMessage());
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
        StoreFailures failures = new StoreFailures();
        HikariDataSource ds = new HikariDataSource(poolConfig(url, user, password, "tributary", POOL_SIZE));
        try {
            // Flyway only when there is something to apply: validating an up-to-date schema on every open was most
            // of what a short command (status, check, export) spent opening the database.
            String folder = "db/migration/" + vendor;
            if (!SchemaHistory.isCurrent(ds, folder)) {
                Flyway.configure()
                        .dataSource(ds)
                        .locations("classpath:" + folder)
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, vendor, failures);
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
        // A connection that met a failure of the store (H2 closes the database when a write fails on a full disk)
        // is dropped: the next one opens the database afresh, which is how the store recovers without a restart.
        config.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public SQLExceptionOverride.Override adjudicate(SQLException e) {
                return StoreFailures.isStoreFailure(e) ? SQLExceptionOverride.Override.MUST_EVICT
                        : SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
        });
        return config;
    }

    /**
     * The pool the store's statements use. While the database server is known to be unreachable (see
     * {@link StoreFailures#unreachable()}) it refuses a connection at once instead of waiting the pool's connection
     * timeout for each: a feed whose version cannot be read is then answered from memory without delay, and /status
     * from what was last read. The probe alone goes on asking the server, and its first write that succeeds ends
     * the failure.
     */
    public DataSource dataSource() {
        return guarded;
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

    /**
     * True when the store is not failing and the database answers a trivial query within a second. Asked on a
     * connection of its own with short timeouts, not the store's pool: when the server has just gone away, a pool
     * connection would be waited for up to the pool's connection timeout (30 s), longer than a load balancer waits
     * for /health. What it meets is recorded, so the store is known to fail from the first health check on.
     */
    public boolean isHealthy() {
        if (failures.current().isPresent()) return false;
        try (Connection c = healthPool().getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            failures.failed(e);
            return false;
        }
    }

    /** How long /health waits for its connection at most (HikariCP's least is 250 ms). */
    static final Duration HEALTH_CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private synchronized HikariDataSource healthPool() {
        if (healthPool == null) {
            HikariConfig config = poolConfig(dataSource.getJdbcUrl(), dataSource.getUsername(),
                    dataSource.getPassword(), "tributary-health", 1);
            config.setConnectionTimeout(HEALTH_CONNECTION_TIMEOUT.toMillis());
            config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
            config.setMinimumIdle(0);
            config.setInitializationFailTimeout(-1);   // built now, connects on the first check
            if (isShared()) {
                // Seconds: a server that drops packets (a dead host) is given up on as soon as a refused one is.
                config.addDataSourceProperty("connectTimeout", "2");
                config.addDataSourceProperty("socketTimeout", "2");
            }
            healthPool = new HikariDataSource(config);
        }
        return healthPool;
    }

    /** Whether the store as a whole fails, and since when; see {@link StoreFailures}. */
    public StoreFailures failures() {
        return failures;
    }

    /**
     * Writes one row (store_probe) in a transaction of its own: true when the write reached the database. A
     * failure of the store is recorded and a success ends one; this is how a store that failed is seen to recover
     * when nothing else writes.
     */
    public boolean probe() {
        try {
            new Jdbc(dataSource, failures).inTransaction(c -> {
                try (var ps = c.prepareStatement("UPDATE store_probe SET written_at = ? WHERE id = 1")) {
                    Jdbc.setInstant(ps, 1, java.time.Instant.now());
                    return ps.executeUpdate();
                }
            });
            failures.wrote();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Probes the store in the background, every {@code healthy} while it works (so that a full disk is seen even
     * when no source is due) and every {@code failing} while it fails (so that it recovers soon after the cause is
     * gone). Stops with {@link #close()}.
     */
    public synchronized void watch(Duration healthy, Duration failing) {
        if (watcher != null) return;
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-probe");
            t.setDaemon(true);
            return t;
        });
        watcher.schedule(new Runnable() {
            @Override
            public void run() {
                boolean ok = probe();
                ScheduledExecutorService w = watcher;
                if (w != null && !w.isShutdown()) {
                    w.schedule(this, (ok ? healthy : failing).toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }, failing.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        sidePools.forEach(HikariDataSource::close);
        if (healthPool != null) healthPool.close();
        dataSource.close();
    }

    /** A pool that does not make callers wait while the store is known to fail; see {@link #dataSource()}. */
    private static final class FailFast implements DataSource {
        private final HikariDataSource pool;
        private final StoreFailures failures;

        FailFast(HikariDataSource pool, StoreFailures failures) {
            this.pool = pool;
            this.failures = failures;
        }

        /**
         * While the server is unreachable, no connection at all; while the store fails otherwise (read-only, disk
         * full), only one that is ready: a new one is what fails to open then, after the pool's whole timeout.
         */
        private void refuseWhileUnreachable() throws SQLException {
            if (failures.unreachable()) {
                throw new java.sql.SQLTransientConnectionException("store: " + StoreFailures.UNREACHABLE
                        + " (known since " + failures.current().map(StoreFailures.Failure::since).orElse(null)
                        + "); not waiting for a connection", "08001");
            }
            if (failures.current().isPresent() && pool.getHikariPoolMXBean() != null
                    && pool.getHikariPoolMXBean().getIdleConnections() == 0) {
                throw new java.sql.SQLTransientConnectionException("store: failing ("
                        + failures.current().map(StoreFailures.Failure::reason).orElse("") + "); no connection "
                        + "ready, not waiting for a new one");
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            refuseWhileUnreachable();
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            refuseWhileUnreachable();
            return pool.getConnection(username, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(pool) || pool.isWrapperFor(type);
        }
    }
}
