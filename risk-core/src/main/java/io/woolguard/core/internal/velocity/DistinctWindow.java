package io.woolguard.core.internal.velocity;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Distinct members (e.g. accounts on a device) seen in a sliding event-time window: exact up to
 * {@code bound} members, after which the count saturates at the bound (the oldest member is
 * forgotten to make room). Not thread-safe: the owner synchronizes.
 */
final class DistinctWindow {
    private final long windowMillis;
    private final int bound;
    private final Map<String, Long> lastSeen = new HashMap<>();

    DistinctWindow(long windowMillis, int bound) {
        this.windowMillis = windowMillis;
        this.bound = bound;
    }

    void add(String member, long timeMillis) {
        lastSeen.merge(member, timeMillis, Math::max);
        if (lastSeen.size() > bound) {
            evictOldest();
        }
    }

    /** Members last seen within {@code (t - window, t]}, pruning members that fell out of every window. */
    int count(long timeMillis) {
        long from = timeMillis - windowMillis;
        int count = 0;
        Iterator<Map.Entry<String, Long>> it = lastSeen.entrySet().iterator();
        while (it.hasNext()) {
            long seen = it.next().getValue();
            if (seen <= from) {
                it.remove();
            } else if (seen <= timeMillis) {
                count++;
            }
        }
        return count;
    }

    private void evictOldest() {
        String oldest = null;
        long oldestTime = Long.MAX_VALUE;
        for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
            if (e.getValue() < oldestTime) {
                oldestTime = e.getValue();
                oldest = e.getKey();
            }
        }
        lastSeen.remove(oldest);
    }
}
