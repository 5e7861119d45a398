package org.tributary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
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
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tributary")
                + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64;CACHE_SIZE=65536";
        return open(url, "sa", "", "h2");
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
