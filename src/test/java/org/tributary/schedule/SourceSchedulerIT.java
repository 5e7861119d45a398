package org.tributary.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.config.Source;

/** The real Quartz scheduler with short intervals (the config allows 1m at least; the scheduler takes any). */
class SourceSchedulerIT {

    private SourceScheduler scheduler;
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxRunning = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.close();
    }

    private static Source source(String id, Duration every) {
        return new Source(id, id, URI.create("https://example.org/" + id), null, Source.Kind.PARTNER, "News",
                List.of(), every, null, List.of());
    }

    private int runs(String id) {
        return runs.computeIfAbsent(id, k -> new AtomicInteger()).get();
    }

    private void record(String id, long sleepMillis) throws InterruptedException {
        int now = running.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        maxRunning.computeIfAbsent(id, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(sleepMillis);
        } finally {
            running.get(id).decrementAndGet();
            runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    void firesEverySourceRightAfterStartThenAtItsInterval() {
        scheduler = new SourceScheduler((id, next) -> {
            try {
                record(id, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 4, Duration.ZERO);
        scheduler.schedule(List.of(source("fast", Duration.ofMillis(300)), source("slow", Duration.ofHours(1))));
        scheduler.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs("slow") == 1 && runs("fast") >= 4);
        assertThat(runs("slow")).isEqualTo(1);
        assertThat(scheduler.nextFireTime("slow")).isPresent();
    }

    @Test
    void neverRunsOneSourceTwiceAtTheSameTime() {
        scheduler = new SourceScheduler((id, next) -> {
            try {
                record(id, 400); // longer than the interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 4, Duration.ZERO);
        scheduler.schedule(List.of(source("busy", Duration.ofMillis(100))));
        scheduler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs("busy") >= 4);
        assertThat(maxRunning.get("busy").get()).isEqualTo(1);
    }

    @Test
    void aThrowingRefreshStaysScheduled() {
        AtomicInteger attempts = new AtomicInteger();
        scheduler = new SourceScheduler((id, next) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("boom");
        }, 2, Duration.ZERO);
        scheduler.schedule(List.of(source("broken", Duration.ofMillis(200))));
        scheduler.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
    }

    @Test
    void reschedulingAddsRemovesAndKeepsSources() {
        scheduler = new SourceScheduler((id, next) -> { }, 2, Duration.ZERO);
        scheduler.schedule(List.of(source("a", Duration.ofHours(1)), source("b", Duration.ofHours(1))));
        scheduler.schedule(List.of(source("b", Duration.ofHours(1)), source("c", Duration.ofHours(2))));

        assertThat(scheduler.scheduledSourceIds()).containsExactly("b", "c");
    }
}
