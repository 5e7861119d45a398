package org.tributary.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Source;

/**
 * One Quartz job per source, firing at its interval, the first time right after start. Quartz never runs two
 * refreshes of one source at once ({@link DisallowConcurrentExecution}; in a cluster the trigger's row in the shared
 * store carries that across nodes), and a fired job never lets an exception escape into Quartz.
 */
public final class SourceScheduler implements AutoCloseable {

    /** What a fired job does: refresh the source, then learn when it fires next (null if never). */
    @FunctionalInterface
    public interface Action {
        void run(String sourceId, Instant nextFireTime);
    }

    private static final Logger log = LoggerFactory.getLogger(SourceScheduler.class);
    private static final String GROUP = "sources";

    private final Scheduler quartz;
    private final Duration startSpread;

    /**
     * One node, jobs in memory (the H2 mode): every start schedules afresh and fetches each source once.
     *
     * @param threads     how many sources may refresh at the same time
     * @param startSpread first fetches are spread at random over this window so that a restart does not fire every
     *                    source in the same second; zero fires all at once
     */
    public SourceScheduler(Action action, int threads, Duration startSpread) {
        this(action, QuartzSetup.inMemory(threads), startSpread);
    }

    /**
     * One node of a cluster (the PostgreSQL mode): jobs and triggers live in Quartz's tables in the shared database,
     * each firing runs on exactly one node, and when a node stops checking in for {@code checkin} plus Quartz's 7.5 s
     * grace the others take over its triggers. The schedule outlives every node: a start or reload reconciles it
     * with feeds.yml, and a source whose time passed while no node ran fires once, at once.
     *
     * @param dataSource       a pool on the database whose migrations created the QRTZ_ tables (its own pool, not
     *                         the store's, so that busy refreshes never delay a check-in)
     * @param misfireThreshold at most the shortest interval: a trigger late by less than the threshold is not a
     *                         misfire, and Quartz then catches it up with one fire per slot it missed, back to back (a
     *                         node that died holding a 3 s source for 12 s would see it fetched four times in a row);
     *                         serve uses 60 s, feeds.yml's shortest `every`
     */
    public static SourceScheduler clustered(Action action, int threads, Duration startSpread, DataSource dataSource,
                                            Duration checkin, Duration misfireThreshold) {
        return new SourceScheduler(action, QuartzSetup.clustered(threads, dataSource, checkin, misfireThreshold),
                startSpread);
    }

    private SourceScheduler(Action action, Scheduler quartz, Duration startSpread) {
        this.quartz = quartz;
        this.startSpread = startSpread;
        try {
            JobFactory factory = (bundle, scheduler) -> new RefreshJob(action);
            quartz.setJobFactory(factory);
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule: cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the jobs match the sources: adds new ones, reschedules changed intervals, removes the rest. Safe to run
     * on several nodes at once against one clustered store: a job another node created a moment ago is left as it
     * is, and a changed interval keeps the source's phase (the new trigger starts one new interval after the last
     * fetch), so two nodes applying the same reload write the same trigger and nothing fires twice.
     */
    public void schedule(Collection<Source> sources) {
        try {
            Set<JobKey> wanted = new HashSet<>();
            for (Source source : sources) {
                JobKey key = JobKey.jobKey(source.id(), GROUP);
                wanted.add(key);
                Trigger existing = quartz.getTrigger(TriggerKey.triggerKey(source.id(), GROUP));
                if (existing == null) add(source);
                else if (intervalOf(existing) != source.every().toMillis()) {
                    quartz.rescheduleJob(existing.getKey(), trigger(source, keepPhase(existing, source)));
                }
            }
            for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.contains(key)) quartz.deleteJob(key);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule: " + e.getMessage(), e);
        }
    }

    /** The job and its trigger in one store transaction; losing the race to another node is fine. */
    private void add(Source source) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(RefreshJob.class).withIdentity(source.id(), GROUP).storeDurably().build();
        long spread = startSpread.toMillis();
        long delay = spread <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spread);
        try {
            quartz.scheduleJob(job, Set.of(trigger(source, new Date(System.currentTimeMillis() + delay))), false);
        } catch (ObjectAlreadyExistsException e) {
            log.debug("schedule[{}]: another node scheduled it first", source.id());
        }
    }

    private static Date keepPhase(Trigger existing, Source source) {
        Date last = existing.getPreviousFireTime();
        if (last != null) return new Date(last.getTime() + source.every().toMillis());
        Date next = existing.getNextFireTime();
        return next != null ? next : new Date();
    }

    private static Trigger trigger(Source source, Date start) {
        return TriggerBuilder.newTrigger()
                .withIdentity(source.id(), GROUP)
                .forJob(source.id(), GROUP)
                .startAt(start)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(source.every().toMillis())
                        .repeatForever()
                        // After downtime (or a stall past the misfire threshold) fire once, now, and go on at the
                        // interval from there: not once per missed interval, and not silently waiting for the next
                        // slot either.
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    private static long intervalOf(Trigger trigger) {
        return trigger instanceof org.quartz.SimpleTrigger s ? s.getRepeatInterval() : -1;
    }

    public void start() {
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule: " + e.getMessage(), e);
        }
    }

    public Optional<Instant> nextFireTime(String sourceId) {
        try {
            Trigger t = quartz.getTrigger(TriggerKey.triggerKey(sourceId, GROUP));
            return Optional.ofNullable(t).map(Trigger::getNextFireTime).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    public List<String> scheduledSourceIds() {
        try {
            return quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).stream().map(JobKey::getName).sorted()
                    .toList();
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule: " + e.getMessage(), e);
        }
    }

    /** Stops firing and waits for refreshes in flight to finish. */
    @Override
    public void close() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("schedule: shutdown: {}", e.getMessage());
        }
    }

    /** Created by our JobFactory with the action in hand, so Quartz needs no reflection into our classes. */
    @DisallowConcurrentExecution
    static final class RefreshJob implements Job {
        private final Action action;

        RefreshJob(Action action) {
            this.action = action;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String sourceId = context.getJobDetail().getKey().getName();
            try {
                Date next = context.getNextFireTime();
                action.run(sourceId, next == null ? null : next.toInstant());
            } catch (Throwable t) { // an escaped exception would make Quartz log and carry on silently
                log.error("schedule[{}]: refresh threw; the source stays scheduled", sourceId, t);
            }
        }
    }
}
