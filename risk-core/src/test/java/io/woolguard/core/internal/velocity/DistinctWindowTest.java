package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctWindowTest {
    private static final long HOUR = 3_600_000L;
    // members are fingerprints (MemberFingerprints): any longs will do here
    private static final long U1 = 0x5eed_0001L;
    private static final long U2 = -0x5eed_0002L;
    private static final long U3 = 0x5eed_0003L;
    private static final long A = 40;
    private static final long B = 10;
    private static final long C = 30;
    private static final long D = 20;

    @Test
    void count_isDistinctMembersInTheWindow() {
        DistinctWindow window = new DistinctWindow(HOUR, 1_024);
        window.add(U1, 0);
        window.add(U2, 1_000);
        window.add(U1, 2_000);
        assertEquals(2, window.count(2_000));
        assertEquals(1, window.count(HOUR + 1_500), "u-2 (seen at 1 s) slid out, u-1 (seen again at 2 s) did not");
        assertEquals(0, window.count(HOUR + 2_000));
    }

    @Test
    void count_asOfAnEarlierTime_leavesOutLaterSightings() {
        DistinctWindow window = new DistinctWindow(HOUR, 1_024);
        window.add(U1, 10_000);
        window.add(U2, 20_000);
        window.add(U3, 20_000);
        assertEquals(1, window.count(15_000));
        assertEquals(3, window.count(20_000));
    }

    @Test
    void add_pastTheBound_forgetsTheMemberSeenLongestAgo() {
        DistinctWindow window = new DistinctWindow(HOUR, 3);
        window.add(A, 1);
        window.add(B, 2);
        window.add(C, 3);
        window.add(A, 4); // a is now the most recent
        window.add(D, 5); // b goes
        assertEquals(3, window.count(5));
        window.add(B, 6); // b counts again; c goes
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
                    long member = random.nextInt(60) - 30;
                    window.add(member, time);
                    model.add(member, time);
                }
            }
        }
    }

    private static final class NaiveDistinct {
        private final long windowMillis;
        private final int bound;
        private final Map<Long, Long> lastSeen = new HashMap<>();

        NaiveDistinct(long windowMillis, int bound) {
            this.windowMillis = windowMillis;
            this.bound = bound;
        }

        void add(long member, long time) {
            lastSeen.merge(member, time, Math::max);
            if (lastSeen.size() > bound) {
                long oldest = lastSeen.entrySet().stream()
                        .min(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                        .orElseThrow().getKey();
                lastSeen.remove(oldest);
            }
        }

        int count(long time) {
            lastSeen.values().removeIf(seen -> seen <= time - windowMillis);
            return (int) lastSeen.values().stream().filter(seen -> seen <= time).count();
        }
    }

    @Test
    void add_pastTheBound_ofSeveralSeenAtOnce_forgetsTheSmallestFingerprint() {
        DistinctWindow window = new DistinctWindow(HOUR, 2);
        window.add(7, 1_000);
        window.add(-3, 1_000);
        window.add(5, 2_000); // 7 and -3 were both seen at 1 s: -3 goes
        window.add(-3, 3_000); // so -3 is new again, and 7 (1 s) goes
        assertEquals(2, window.count(3_000));
        assertEquals(1, window.count(HOUR + 2_500), "5 (2 s) slid out; -3 (3 s) remains, so 7 must have gone");
    }

    @Test
    void aCarrierNatIp_atTheBound_countsExactlyAndForgetsInOrder() {
        DistinctWindow window = new DistinctWindow(HOUR, 1_024);
        for (int i = 0; i < 1_500; i++) {
            window.add(1_000_000L + i, i); // member i seen at i ms
        }
        assertEquals(1_024, window.count(1_500), "saturates at the bound");
        // the 476 seen first were forgotten: members 476..1499 remain, seen at 476..1499 ms
        assertEquals(1_024 - 100, window.count(HOUR + 575), "those seen up to 575 ms have slid out");
        window.add(1_000_000L, HOUR + 575); // member 0 returns
        assertEquals(1_024 - 100 + 1, window.count(HOUR + 575));
    }

    @Test
    void aLateNewcomer_atTheBound_isTheOneForgotten() {
        DistinctWindow window = new DistinctWindow(HOUR, 2);
        window.add(U1, 5_000);
        window.add(U2, 6_000);
        window.add(U3, 1_000); // arrives late, seen before both: it is the member seen longest ago
        assertEquals(0, window.count(1_000), "U3 was forgotten, not U1");
        assertEquals(2, window.count(6_000));
    }
}
