package io.woolguard.stream.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistinctCountTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, HOUR);

    static final class MapStore implements MemberStore {
        final Map<String, Long> map = new HashMap<>();

        @Override public Long get(String member) { return map.get(member); }
        @Override public void put(String member, long lastSeenMillis) { map.put(member, lastSeenMillis); }
        @Override public void remove(String member) { map.remove(member); }
        @Override public Iterable<Map.Entry<String, Long>> entries() { return Map.copyOf(map).entrySet(); }
        @Override public void clear() { map.clear(); }
    }

    private final MapStore store = new MapStore();
    private final DistinctCount accounts = new DistinctCount(List.of(WindowSpec.ONE_HOUR, WindowSpec.ONE_DAY), 100);

    @Test
    void see_countsEachMemberOnceAcrossWindows() {
        assertEquals(DistinctCount.Sighting.NEW, accounts.see("u1", T0, T0, store, null));
        assertEquals(DistinctCount.Sighting.NEW, accounts.see("u2", T0 + MIN, T0 + MIN, store, null));
        assertEquals(DistinctCount.Sighting.UNCHANGED, accounts.see("u1", T0 + 10, T0 + MIN, store, null),
                "same bucket: nothing to move, nothing written");
        assertEquals(DistinctCount.Sighting.REFRESHED, accounts.see("u1", T0 + 5 * MIN, T0 + 5 * MIN, store, null));
        assertEquals(2, accounts.count(0, T0 + 5 * MIN));
        assertEquals(2, accounts.count(1, T0 + 5 * MIN));
    }

    @Test
    void count_dropsMembersNotSeenWithinTheWindow() {
        accounts.see("u1", T0, T0, store, null);
        accounts.see("u2", T0 + 30 * MIN, T0 + 30 * MIN, store, null);
        long later = T0 + 61 * MIN;
        assertEquals(1, accounts.count(0, later), "u1 left the hour");
        assertEquals(2, accounts.count(1, later), "both still in the day");
        accounts.see("u1", later, later, store, null);
        assertEquals(2, accounts.count(0, later), "u1 back in the hour, counted once");
        assertEquals(2, accounts.count(1, later), "and not twice in the day");
        assertEquals(T0 + 91 * MIN, accounts.nextExpiry(later), "u2 leaves the hour next");
    }

    @Test
    void see_returnsThePreviousSightingForEdgeRefreshes() {
        long[] previous = new long[1];
        accounts.see("u1", T0, T0, store, previous);
        assertEquals(Long.MIN_VALUE, previous[0]);
        accounts.see("u1", T0 + 2 * HOUR, T0 + 2 * HOUR, store, previous);
        assertEquals(T0, previous[0]);
    }

    @Test
    void see_sweepsExpiredMembersAndStaysExactBelowTheLimit() {
        DistinctCount small = new DistinctCount(List.of(WindowSpec.ONE_HOUR), 10);
        for (int i = 0; i < 15; i++) {
            small.see("old" + i, T0, T0, store, null);
        }
        long later = T0 + 3 * HOUR;
        for (int i = 0; i < 8; i++) {
            small.see("new" + i, later, later, store, null);
        }
        assertFalse(small.isApproximate());
        assertEquals(8, small.count(0, later));
        assertTrue(store.map.size() <= 20, "store bounded by twice the limit, was " + store.map.size());
        assertEquals(8, store.map.size(), "the sweep at 21 members removed the 15 expired ones");
    }

    @Test
    void see_switchesToSketchesAboveTheLimitWithinFivePercent() {
        DistinctCount big = new DistinctCount(List.of(WindowSpec.ONE_HOUR, WindowSpec.ONE_DAY), 100);
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            long t = T0 + i * 100L;
            big.see("acct-" + i, t, t, store, null);
            big.see("acct-" + (i / 2), t, t, store, null);
        }
        long now = T0 + n * 100L;
        assertTrue(big.isApproximate());
        assertEquals(0, store.map.size(), "members dropped once approximate");
        assertEquals(n, big.count(0, now), n * 0.05, "1h estimate");
        assertEquals(n, big.count(1, now), n * 0.05, "24h estimate");
        long afterHour = now + 71 * MIN;
        assertEquals(0, big.count(0, afterHour), "hour sketches expired");
        assertEquals(n, big.count(1, afterHour), n * 0.05);
        assertTrue(big.isEmpty(now + 29 * HOUR), "every bucket expired (sketch buckets are a sixth of the window)");
        assertFalse(big.isApproximate(), "back to exact once the sketches expired");
    }

    @Test
    void isEmpty_afterAllWindowsThenResetClearsTheStore() {
        accounts.see("u1", T0, T0, store, null);
        assertFalse(accounts.isEmpty(T0 + 23 * HOUR));
        assertTrue(accounts.isEmpty(T0 + 25 * HOUR));
        accounts.reset(store);
        assertEquals(0, store.map.size());
        assertEquals(0, accounts.storedMembers());
    }
}
