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
    void distinct_countsMembersOnce_andSaturatesAtItsBound() {
        DistinctWindow accounts = new DistinctWindow(3_600_000, 3);
        accounts.add("a", T);
        accounts.add("a", T + 1);
        accounts.add("b", T + 2);
        assertEquals(2, accounts.count(T + 2));
        accounts.add("c", T + 3);
        accounts.add("d", T + 4);
        assertEquals(3, accounts.count(T + 4), "exact up to the bound, then saturated");
        assertEquals(0, accounts.count(T + 3_600_004 + 1));
    }
}
