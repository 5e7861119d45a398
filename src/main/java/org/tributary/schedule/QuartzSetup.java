package org.tributary.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Builds the Quartz scheduler: jobs in memory for one node on H2, or Quartz's clustered JDBC job store on the shared
 * PostgreSQL database (its tables come from our Flyway migrations), where row locks let exactly one node fire each
 * trigger and check-ins let the survivors take over the triggers of a node that died.
 */
final class QuartzSetup {

    /** Every node of one deployment must use the same name: Quartz clusters by it (QRTZ_*.SCHED_NAME). */
    static final String CLUSTER_NAME = "tributary";

    /** After downtime or a stall longer than this, a trigger counts as misfired and fires once, now. */
    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(60);

    private QuartzSetup() {}

    static Scheduler inMemory(int threads) {
        Properties p = common(threads, MISFIRE_THRESHOLD);
        p.setProperty("org.quartz.scheduler.instanceId", "local");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return create(p);
    }

    /**
     * @param checkin how often this node tells the others it is alive; a node silent for this plus Quartz's fixed
     *                7.5 s grace is taken for dead and its triggers are recovered by the others
     */
    static Scheduler clustered(int threads, DataSource dataSource, Duration checkin, Duration misfireThreshold) {
        // Quartz looks connection providers up by name in a JVM-wide registry; a unique name per scheduler keeps two
        // schedulers in one JVM (tests, the benchmark) from sharing one by accident.
        String name = "tributary-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(name, new PoolProvider(dataSource));
        Properties p = common(threads, misfireThreshold);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.instanceIdGenerator.class", NodeIdGenerator.class.getName());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", name);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()));
        // Hand a node as many due triggers per round trip as it has free threads; Quartz requires acquiring them
        // under the row lock then, or two nodes could take the same trigger.
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return create(p);
    }

    private static Properties common(int threads, Duration misfireThreshold) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, CLUSTER_NAME);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "refresh");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThreshold.toMillis()));
        return p;
    }

    /**
     * StdSchedulerFactory registers every scheduler in a JVM-wide repository by name and hands out the registered one
     * to the next caller with that name. Every node of a cluster must carry the same name, so two nodes in one JVM
     * would silently share one scheduler. We take ours out of the repository at once: the SourceScheduler that owns
     * it is its only reference.
     */
    private static Scheduler create(Properties p) {
        SchedulerRepository repository = SchedulerRepository.getInstance();
        synchronized (repository) {
            try {
                Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
                repository.remove(scheduler.getSchedulerName());
                return scheduler;
            } catch (SchedulerException e) {
                throw new IllegalStateException("schedule: cannot create the scheduler: " + e.getMessage(), e);
            }
        }
    }

    /** Quartz borrows connections from our HikariCP pool; the pool belongs to the store and is closed there. */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // not ours to close
        }

        @Override
        public void initialize() {
            // the pool is open already
        }
    }
}
