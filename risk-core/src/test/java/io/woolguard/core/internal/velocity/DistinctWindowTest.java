package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctWindowTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void count_isDistinctMembersInTheWindow() {
        DistinctWindow window = new DistinctWindow(HOUR, 1_024);
        window.add("u-1", 0);
        window.add("u-2", 1_000);
        window.add("u-1", 2_000);
        assertEquals(2, window.count(2_000));
        assertEquals(1, window.count(HOUR + 1_500), "u-2 (seen at 1 s) slid out, u-1 (seen again at 2 s) did not");
        assertEquals(0, window.count(HOUR + 2_000));
    }

    @Test
    void count_asOfAnEarlierTime_leavesOutLaterSightings() {
        DistinctWindow window = new DistinctWindow(HOUR, 1_024);
        window.add("u-1", 10_000);
        window.add("u-2", 20_000);
        window.add("u-3", 20_000);
        assertEquals(1, window.count(15_000));
        assertEquals(3, window.count(20_000));
    }

    @Test
    void add_pastTheBound_forgetsTheMemberSeenLongestAgo() {
        DistinctWindow window = new DistinctWindow(HOUR, 3);
        window.add("a", 1);
        window.add("b", 2);
        window.add("c", 3);
        window.add("a", 4); // a is now the most recent
        window.add("d", 5); // b goes
        assertEquals(3, window.count(5));
        window.add("b", 6); // b counts again; c goes
        assertEquals(3, window.count(6));
        assertEquals(2, window.count(HOUR + 4), "a (4) and c were forgotten or slid out; d (5) and b (6) remain");
    }

    /** The same operations against the obvious implementation, out-of-order times included. */
    @Test
    void randomOperations_matchANaiveModel() {
        Random random = new Random(20261201);
        for (int round = 0; round < 200; round++) {
            int bound = 1 + random.nextInt(40);
            long windowMillis = 1 + random.nextInt(5_000);
            DistinctWindow window = new DistinctWindow(windowMillis, bound);
            NaiveDistinct model = new NaiveDistinct(windowMillis, bound);
            long clock = random.nextInt(1_000);
            for (int op = 0; op < 500; op++) {
                clock += random.nextInt(200);
                long time = clock - (random.nextInt(10) == 0 ? random.nextInt(3_000) : 0); // some late events
                if (random.nextInt(3) == 0) {
                    assertEquals(model.count(time), window.count(time), "round " + round + " op " + op);
                } else {
                    String member = "u-" + random.nextInt(60);
                    window.add(member, time);
                    model.add(member, time);
                }
            }
        }
    }

    private static final class NaiveDistinct {
        private final long windowMillis;
        private final int bound;
        private final Map<String, Long> lastSeen = new HashMap<>();

        NaiveDistinct(long windowMillis, int bound) {
            this.windowMillis = windowMillis;
            this.bound = bound;
        }

        void add(String member, long time) {
            lastSeen.merge(member, time, Math::max);
            if (lastSeen.size() > bound) {
                String oldest = lastSeen.entrySet().stream()
                        .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                        .orElseThrow().getKey();
                lastSeen.remove(oldest);
            }
        }

        int count(long time) {
            lastSeen.values().removeIf(seen -> seen <= time - windowMillis);
            return (int) lastSeen.values().stream().filter(seen -> seen <= time).count();
        }
    }
}
