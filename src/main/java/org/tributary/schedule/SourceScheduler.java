package org.tributary.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.config.Source;

/**
 * One Quartz job per source, firing at its interval, the first time right after start. Quartz never runs two
 * refreshes of one source at once ({@link DisallowConcurrentExecution}), and a fired job never lets an exception
 * escape into Quartz.
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
     * @param threads     how many sources may refresh at the same time
     * @param startSpread first fetches are spread at random over this window so that a restart does not fire every
     *                    source in the same second; zero fires all at once
     */
    public SourceScheduler(Action action, int threads, Duration startSpread) {
        this.startSpread = startSpread;
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "tributary");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "refresh");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            quartz = new StdSchedulerFactory(p).getScheduler();
            JobFactory factory = (bundle, scheduler) -> new RefreshJob(action);
            quartz.setJobFactory(factory);
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule: cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    /** Makes the jobs match the sources: adds new ones, reschedules changed intervals, removes the rest. */
    public void schedule(Collection<Source> sources) {
        try {
            Set<JobKey> wanted = new HashSet<>();
            for (Source source : sources) {
                JobKey key = JobKey.jobKey(source.id(), GROUP);
                wanted.add(key);
                Trigger existing = quartz.getTrigger(TriggerKey.triggerKey(source.id(), GROUP));
                if (existing != null && intervalOf(existing) == source.every().toMillis()) continue;
                JobDetail job = JobBuilder.newJob(RefreshJob.class).withIdentity(key).storeDurably().build();
                quartz.addJob(job, true);
                Trigger trigger = trigger(source);
                if (existing == null) quartz.scheduleJob(trigger);
                else quartz.rescheduleJob(existing.getKey(), trigger);
            }
            for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.contains(key)) quartz.deleteJob(key);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("schedule: " + e.getMessage(), e);
        }
    }

    private Trigger trigger(Source source) {
        long spread = startSpread.toMillis();
        long delay = spread <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spread);
        return TriggerBuilder.newTrigger()
                .withIdentity(source.id(), GROUP)
                .forJob(source.id(), GROUP)
                .startAt(new Date(System.currentTimeMillis() + delay))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(source.every().toMillis())
                        .repeatForever()
                        // After downtime, fire once, not once per missed interval.
                        .withMisfireHandlingInstructionNextWithRemainingCount())
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
