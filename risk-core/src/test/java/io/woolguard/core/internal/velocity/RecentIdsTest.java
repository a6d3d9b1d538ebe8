package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentIdsTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void add_isTrueOnlyTheFirstTime() {
        RecentIds ids = new RecentIds(10, HOUR);
        assertTrue(ids.add("e-1", 0));
        assertFalse(ids.add("e-1", 1));
        assertTrue(ids.add("e-2", 2));
        assertEquals(2, ids.size());
    }

    @Test
    void add_forgetsTheOldestWhenFull() {
        RecentIds ids = new RecentIds(3, HOUR);
        for (int i = 1; i <= 4; i++) {
            assertTrue(ids.add("e-" + i, i));
        }
        assertEquals(3, ids.size(), "bounded by capacity");
        assertFalse(ids.add("e-4", 5), "the newest is still remembered");
        assertTrue(ids.add("e-1", 6), "the oldest was forgotten to make room");
    }

    @Test
    void add_forgetsIdsOlderThanTheTtl() {
        RecentIds ids = new RecentIds(100, HOUR);
        ids.add("e-1", 0);
        ids.add("e-2", HOUR / 2);
        assertFalse(ids.add("e-1", HOUR - 1), "still within its hour");
        assertTrue(ids.add("e-3", HOUR), "adding at the hour expires e-1");
        assertEquals(2, ids.size());
        assertTrue(ids.add("e-1", HOUR + 1), "e-1 counts again after its hour");
        assertFalse(ids.add("e-2", HOUR + 2), "e-2 is within its hour");
    }

    @Test
    void add_growsPastTheInitialRingWithoutLosingIds() {
        RecentIds ids = new RecentIds(5_000, HOUR);
        for (int i = 0; i < 5_000; i++) {
            assertTrue(ids.add("e-" + i, i));
        }
        assertEquals(5_000, ids.size());
        for (int i = 0; i < 5_000; i++) {
            assertFalse(ids.add("e-" + i, 5_000 + i), "e-" + i + " remembered after growing");
        }
    }

    @Test
    void add_countsEachIdOnceAcrossThreads() throws InterruptedException {
        RecentIds ids = new RecentIds(100_000, HOUR);
        AtomicInteger firsts = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        if (ids.add("e-" + i, i)) {
                            firsts.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(20_000, firsts.get(), "each of the 20,000 ids counted once by 4 threads");
        assertEquals(20_000, ids.size());
    }
}
