package io.woolguard.core.internal.velocity;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Distinct members (e.g. accounts on a device) seen in a sliding event-time window: exact up to
 * {@code bound} members, after which the count saturates at the bound (the member seen longest ago
 * is forgotten to make room). Not thread-safe: the owner synchronizes.
 *
 * <p>Members are indexed by when they were last seen, so adding, forgetting the oldest and counting
 * as of the newest time cost O(log n) whatever the bound: a carrier-NAT IP with a thousand accounts
 * is counted on every decision it takes part in.
 */
final class DistinctWindow {
    private record Sighting(long time, String member) implements Comparable<Sighting> {
        @Override
        public int compareTo(Sighting other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : member.compareTo(other.member);
        }
    }

    private final long windowMillis;
    private final int bound;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final TreeSet<Sighting> byTime = new TreeSet<>();

    DistinctWindow(long windowMillis, int bound) {
        this.windowMillis = windowMillis;
        this.bound = bound;
    }

    void add(String member, long timeMillis) {
        Long previous = lastSeen.get(member);
        if (previous != null) {
            if (previous >= timeMillis) {
                return;
            }
            byTime.remove(new Sighting(previous, member));
        }
        lastSeen.put(member, timeMillis);
        byTime.add(new Sighting(timeMillis, member));
        if (lastSeen.size() > bound) {
            lastSeen.remove(byTime.pollFirst().member());
        }
    }

    /** Members last seen within {@code (t - window, t]}, forgetting members that fell out of every window. */
    int count(long timeMillis) {
        long from = timeMillis - windowMillis;
        while (!byTime.isEmpty() && byTime.first().time() <= from) {
            lastSeen.remove(byTime.pollFirst().member());
        }
        if (byTime.isEmpty() || byTime.last().time() <= timeMillis) {
            return byTime.size();
        }
        // as of a time before the newest sighting (an event that arrived late): leave out the later ones
        return byTime.headSet(new Sighting(timeMillis + 1, ""), false).size();
    }
}
