package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrackedEntitiesTest {
    private static final long IDLE = 1_000;

    /** A value whose last use the test sets. */
    static final class Entry implements TrackedEntities.Used {
        final String key;
        volatile long usedAt;

        Entry(String key, long nowNanos) {
            this.key = key;
            this.usedAt = nowNanos;
        }

        @Override
        public long lastUsedNanos() {
            return usedAt;
        }
    }

    @Test
    void overTheLimit_aSweepDropsTheLeastRecentlyUsed_andKeepsTheRecentOnes() {
        TrackedEntities<String, Entry> table = new TrackedEntities<>(1_000, Long.MAX_VALUE, Runnable::run, () -> 0);
        Entry hot = table.get("hot", 0, Entry::new);
        for (int i = 1; i <= 5_000; i++) {
            table.get("k" + i, i, Entry::new);
            hot.usedAt = i; // used on every step, so never among the least recently used
        }
        long size = table.sweptSize(5_000);
        assertTrue(size <= 1_000 && size >= 800, "a sweep leaves ~90% of the limit of 1,000, tracked " + size);
        assertSame(hot, table.getIfPresent("hot", 5_000), "the entry used on every step is kept");
        assertTrue(table.getIfPresent("k5000", 5_000) != null, "the newest entry is kept");
        assertNull(table.getIfPresent("k1", 5_000), "the oldest entry went first");
        int recentKept = 0;
        for (int i = 4_501; i <= 5_000; i++) {
            recentKept += table.getIfPresent("k" + i, 5_000) != null ? 1 : 0;
        }
        assertEquals(500, recentKept, "the 500 most recently used all fit in the 90% a sweep keeps");
    }

    @Test
    void aTableFarLargerThanTheSample_isSweptToTheBound_oldestFirst() {
        // no sweeper thread: the 30,000 entries (under twice the limit) wait for one explicit sweep, whose
        // last-use cut-off is estimated from a sample of 4,096 of them
        TrackedEntities<String, Entry> table = new TrackedEntities<>(20_000, Long.MAX_VALUE, task -> { }, () -> 0);
        for (int i = 1; i <= 30_000; i++) {
            table.get("k" + i, i, Entry::new);
        }
        long size = table.sweptSize(30_000);
        assertTrue(size <= 20_000 && size >= 17_000, "a sweep leaves ~90% of the limit of 20,000, tracked " + size);
        int recentKept = 0;
        for (int i = 14_001; i <= 30_000; i++) {
            recentKept += table.getIfPresent("k" + i, 30_000) != null ? 1 : 0;
        }
        assertEquals(16_000, recentKept, "the 16,000 most recently used all fit in the ~18,000 a sweep keeps");
        int oldestKept = 0;
        for (int i = 1; i <= 10_000; i++) {
            oldestKept += table.getIfPresent("k" + i, 30_000) != null ? 1 : 0;
        }
        // the cut-off is an estimate: the removal stops at the excess, so a few old entries late in the
        // table's order may stay (about 0.8% of the table is one standard error of the sample's quantile)
        assertTrue(oldestKept <= 600, "of the 10,000 least recently used, " + oldestKept + " are still tracked");
    }

    @Test
    void anEntryIdlePastTheLimit_isNeverHandedOut_sweptOrNot() {
        TrackedEntities<String, Entry> table = new TrackedEntities<>(100, IDLE, task -> { }, () -> 0);
        Entry first = table.get("d-1", 0, Entry::new);

        assertSame(first, table.get("d-1", IDLE - 1, Entry::new), "one nanosecond short of the idle limit");
        assertNull(table.getIfPresent("d-1", IDLE), "idle for exactly the limit");
        Entry second = table.get("d-1", IDLE, Entry::new);
        assertNotSame(first, second, "an idle entry is replaced by a new one");
        assertEquals(IDLE, second.lastUsedNanos());
        assertEquals(1, table.sweptSize(IDLE));
        assertEquals(0, table.sweptSize(2 * IDLE), "the sweep drops what went idle");
    }

    @Test
    void idleEntries_areSweptAfterAnIdleLimit_withoutTheTableBeingFull() {
        List<Runnable> scheduled = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        TrackedEntities<String, Entry> table = new TrackedEntities<>(1_000, IDLE, scheduled::add, clock::get);
        for (int i = 0; i < 10; i++) {
            table.get("old-" + i, 0, Entry::new);
        }
        assertEquals(0, scheduled.size(), "ten of a thousand, and no idle limit has passed: no sweep yet");
        table.get("new", IDLE, Entry::new);
        assertEquals(1, scheduled.size(), "an insert an idle limit after the last sweep schedules one");
        table.get("newer", IDLE + 1, Entry::new);
        assertEquals(1, scheduled.size(), "one sweep at a time");
        clock.set(IDLE + 1); // the sweeper's thread gets to it a little later
        scheduled.get(0).run();
        assertEquals(2, table.sizeForTests(), "the sweep dropped the ten idle entries and kept the two new ones");
        assertNull(table.getIfPresent("old-0", 0), "swept, not just hidden");
        assertTrue(table.getIfPresent("newer", IDLE + 1) != null);
    }

    @Test
    void whenTheSweeperFallsBehind_theInsertingThreadKeepsTheTableUnderTwiceTheLimit() {
        ArrayDeque<Runnable> neverRun = new ArrayDeque<>();
        TrackedEntities<String, Entry> table = new TrackedEntities<>(100, Long.MAX_VALUE, neverRun::add, () -> 0);
        long most = 0;
        for (int i = 0; i < 10_000; i++) {
            table.get("k" + i, i, Entry::new);
            most = Math.max(most, table.sizeForTests());
        }
        assertEquals(1, neverRun.size(), "one sweep was handed to the (stuck) sweeper, and only one");
        assertTrue(most <= 201, "largest size " + most + " with a limit of 100");
        assertTrue(most > 100, "the table did grow past the limit while the sweeper was stuck: " + most);
    }

    @Test
    void threadsAskingForTheSameKeys_allGetTheSameValue() throws Exception {
        TrackedEntities<String, Entry> table = new TrackedEntities<>(100_000, Long.MAX_VALUE, Runnable::run, () -> 0);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong created = new AtomicLong();
        Map<String, Entry> seen = new ConcurrentHashMap<>();
        Map<Entry, Boolean> distinct = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        Entry entry = table.get("k" + i, 1, (key, now) -> {
                            created.incrementAndGet();
                            return new Entry(key, now);
                        });
                        Entry first = seen.putIfAbsent("k" + i, entry);
                        assertSame(first == null ? entry : first, entry, "k" + i);
                        distinct.put(entry, Boolean.TRUE);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000, distinct.size(), "one value per key across four threads");
        assertTrue(created.get() >= 20_000, "created " + created.get());
        assertEquals(20_000, table.sweptSize(1));
    }

    @Test
    void aSweepForIdleEntries_keepsEveryEntryInUse_underTheLimit() {
        TrackedEntities<String, Entry> table = new TrackedEntities<>(100, IDLE, Runnable::run, () -> 0);
        for (int i = 0; i < 95; i++) {
            table.get("k" + i, i, Entry::new); // 95 of 100, none idle
        }
        assertEquals(95, table.sweptSize(IDLE - 1), "under the limit nothing in use goes (not down to 90)");
        assertEquals(93, table.sweptSize(IDLE + 1), "k0 and k1 (used at 0 and 1) are idle at 1,001");
    }
}
