package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final long T = 1_800_000_000_000L;

    @Test
    void count_includesEventsWithinTheWindowOnly() {
        SlidingWindow minute = new SlidingWindow(60_000, 60);
        minute.add(T);
        minute.add(T + 500);
        minute.add(T + 30_000);
        assertEquals(3, minute.count(T + 30_000));
        assertEquals(3, minute.count(T + 59_999));
        assertEquals(1, minute.count(T + 60_000), "the first second (one bucket) has slid out");
        assertEquals(1, minute.count(T + 89_999));
        assertEquals(0, minute.count(T + 90_000));
    }

    @Test
    void outOfOrderEvents_areCountedWhileInsideTheWindow_droppedWhenOlder() {
        SlidingWindow minute = new SlidingWindow(60_000, 60);
        minute.add(T + 100_000);
        minute.add(T + 90_000);   // late but within the window behind the newest
        minute.add(T + 10_000);   // older than the whole window: dropped
        assertEquals(2, minute.count(T + 100_000));
        assertEquals(1, minute.count(T + 95_000), "counting as of an earlier time excludes later events");
    }

    @Test
    void longGap_clearsEveryBucket_memoryStaysFixed() {
        SlidingWindow hour = new SlidingWindow(3_600_000, 60);
        for (int i = 0; i < 10_000; i++) {
            hour.add(T + i * 100L);
        }
        assertEquals(10_000, hour.count(T + 999_900));
        hour.add(T + 10 * 3_600_000L);
        assertEquals(1, hour.count(T + 10 * 3_600_000L));
        assertTrue(hour.isIdleAt(T + 12 * 3_600_000L));
    }

    @Test
    void count_matchesANaiveModel_onJitteredRandomTraffic() {
        java.util.Random random = new java.util.Random(42);
        SlidingWindow minute = new SlidingWindow(60_000, 60);
        java.util.List<Long> accepted = new java.util.ArrayList<>();
        long newest = Long.MIN_VALUE;
        long clock = T;
        for (int i = 0; i < 5_000; i++) {
            clock += random.nextInt(random.nextInt(10) == 0 ? 90_000 : 800);
            long time = clock - random.nextInt(70_000); // up to 70 s late
            long bucket = Math.floorDiv(time, 1_000);
            if (newest == Long.MIN_VALUE || bucket > newest - 60) {
                accepted.add(bucket);
                newest = Math.max(newest, bucket);
            }
            minute.add(time);
            long asOf = clock - random.nextInt(30_000);
            long at = Math.floorDiv(asOf, 1_000);
            long head = newest;
            long expected = accepted.stream().filter(b -> b > at - 60 && b <= at && b > head - 60).count();
            assertEquals(expected, minute.count(asOf), "step " + i);
        }
    }

    @Test
    void distinct_countsMembersOnce_andSaturatesAtItsBound() {
        DistinctWindow accounts = new DistinctWindow(3_600_000, 3);
        accounts.add(1L, T);
        accounts.add(1L, T + 1);
        accounts.add(2L, T + 2);
        assertEquals(2, accounts.count(T + 2));
        accounts.add(3L, T + 3);
        accounts.add(4L, T + 4);
        assertEquals(3, accounts.count(T + 4), "exact up to the bound, then saturated");
        assertEquals(0, accounts.count(T + 3_600_004 + 1));
    }
}
