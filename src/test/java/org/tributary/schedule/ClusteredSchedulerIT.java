package org.tributary.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.config.Source;
import org.tributary.store.Database;
import org.tributary.testing.Postgres;

/**
 * Several scheduler nodes in one JVM on one real PostgreSQL database, the way several `serve` processes share it:
 * Quartz's clustered JDBC job store decides which node fires what.
 */
class ClusteredSchedulerIT {

    private static final Duration CHECKIN = Duration.ofSeconds(1);

    private Database database;
    private final List<SourceScheduler> nodes = new ArrayList<>();

    /** Every run of every source on any node: which node, and the slot it was scheduled for. */
    private record Run(String node, Instant slot) {}

    private final Map<String, List<Run>> runs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxRunning = new ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        database = Database.open(Postgres.freshDatabase(), Postgres.USER, Postgres.PASSWORD);
    }

    @AfterEach
    void close() {
        nodes.forEach(SourceScheduler::close);
        database.close();
    }

    private static Source source(String id, Duration every) {
        return new Source(id, id, URI.create("https://example.org/" + id), null, Source.Kind.PARTNER, "News",
                List.of(), every, null, List.of());
    }

    private SourceScheduler node(String name, Duration every, long workMillis, Duration misfireThreshold) {
        SourceScheduler.Action action = (id, next) -> {
            int now = running.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            maxRunning.computeIfAbsent(id, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(workMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.get(id).decrementAndGet();
                // the slot this run was for: one interval before the next one
                runs.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(new Run(name, next.minus(every)));
            }
        };
        SourceScheduler node = SourceScheduler.clustered(action, 4, Duration.ZERO,
                database.sidePool("quartz-" + name, 7), CHECKIN, misfireThreshold);
        nodes.add(node);
        return node;
    }

    private SourceScheduler node(String name, Duration every) {
        return node(name, every, 200, QuartzSetup.MISFIRE_THRESHOLD);
    }

    private int runs(String id) {
        return runs.getOrDefault(id, List.of()).size();
    }

    private long count(String table) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each slot of each source ran once, on one node: no slot twice, none skipped, never two runs at once. */
    private void assertEverySlotRanOnce(List<String> ids, Duration every) {
        for (String id : ids) {
            List<Instant> slots = runs.get(id).stream().map(Run::slot).sorted().toList();
            assertThat(slots).as(id).doesNotHaveDuplicates();
            for (int i = 1; i < slots.size(); i++) {
                assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as(id + " slot " + i).isEqualTo(every);
            }
            assertThat(maxRunning.get(id).get()).as(id + " at once").isEqualTo(1);
        }
    }

    @Test
    void twoNodesRunEachSlotOfEachSourceExactlyOnce() {
        Duration every = Duration.ofMillis(1000);
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> "s" + i).toList();
        List<Source> sources = ids.stream().map(id -> source(id, every)).toList();
        SourceScheduler a = node("a", every);
        SourceScheduler b = node("b", every);
        a.schedule(sources);
        b.schedule(sources);
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> runs(id) >= 6));
        assertEverySlotRanOnce(ids, every);
    }

    @Test
    void severalNodesStartingAtOnceScheduleEachSourceOnce() throws Exception {
        List<Source> sources = IntStream.range(0, 40).mapToObj(i -> source("s" + i, Duration.ofHours(1))).toList();
        List<SourceScheduler> three = List.of(node("a", Duration.ofHours(1)), node("b", Duration.ofHours(1)),
                node("c", Duration.ofHours(1)));
        CyclicBarrier together = new CyclicBarrier(three.size());
        ExecutorService pool = Executors.newFixedThreadPool(three.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SourceScheduler n : three) {
                done.add(pool.submit(() -> {
                    together.await();
                    n.schedule(sources);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(); // none of them failed
        } finally {
            pool.shutdownNow();
        }

        assertThat(count("qrtz_job_details")).isEqualTo(40);
        assertThat(count("qrtz_triggers")).isEqualTo(40);
        assertThat(three.get(2).scheduledSourceIds()).hasSize(40);

        // a reload on every node: one source gone, one interval changed, one new
        List<Source> reloaded = new ArrayList<>(sources.subList(1, 40));
        reloaded.set(0, source("s1", Duration.ofMinutes(5)));
        reloaded.add(source("new", Duration.ofHours(1)));
        for (SourceScheduler n : three) n.schedule(reloaded);

        assertThat(count("qrtz_triggers")).isEqualTo(40);
        assertThat(three.get(0).scheduledSourceIds()).contains("new", "s1").doesNotContain("s0");
    }

    @Test
    void whenOneNodeStopsTheOtherKeepsEverySourceOnSchedule() {
        Duration every = Duration.ofMillis(1000);
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> "s" + i).toList();
        List<Source> sources = ids.stream().map(id -> source(id, every)).toList();
        SourceScheduler a = node("a", every);
        SourceScheduler b = node("b", every);
        a.schedule(sources);
        b.schedule(sources);
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> runs(id) >= 2));

        a.close();
        nodes.remove(a);
        runs.clear();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> runs(id) >= 4));
        assertThat(runs.values()).allSatisfy(list -> assertThat(list).extracting(Run::node).containsOnly("b"));
        assertEverySlotRanOnce(ids, every);
    }

    @Test
    void aSourceWhoseTimePassedWhileNoNodeRanFiresOnceAtOnce() throws Exception {
        Duration every = Duration.ofMillis(1000);
        Duration threshold = Duration.ofMillis(500);
        List<Source> sources = List.of(source("missed", every), source("later", Duration.ofHours(1)));
        SourceScheduler before = node("before", every, 0, threshold);
        before.schedule(sources);
        before.close(); // never started: every node is down
        nodes.remove(before);

        Thread.sleep(4 * every.toMillis()); // four slots pass with no node running, well past the threshold
        Instant restart = Instant.now();
        SourceScheduler after = node("after", every, 0, threshold);
        after.schedule(sources); // a restart reconciles with the same feeds.yml: the stored schedule stays
        after.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> runs("missed") >= 3 && runs("later") == 1);
        // no run for any slot of the downtime, and the schedule goes on from the restart, once per interval
        assertThat(runs.get("missed")).extracting(Run::slot).allSatisfy(slot ->
                assertThat(slot).isAfterOrEqualTo(restart.minusMillis(100)));
        assertEverySlotRanOnce(List.of("missed"), every);
        assertThat(after.nextFireTime("later")).hasValueSatisfying(next ->
                assertThat(next).isAfter(Instant.now().plus(Duration.ofMinutes(59))));
    }
}
