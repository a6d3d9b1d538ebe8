package io.woolguard.core.internal.velocity;

import java.util.Arrays;

/**
 * Distinct members (accounts on a device, say, by their {@link MemberFingerprints fingerprints}) seen in
 * a sliding event-time window: exact up to {@code bound} members, after which the count saturates at the
 * bound (the member seen longest ago is forgotten to make room; of several seen in the same millisecond,
 * the smallest fingerprint). Not thread-safe: the owner synchronizes.
 *
 * <p>One array of (fingerprint, last seen) pairs, unordered, scanned whole by each operation. Most
 * windows hold one to a few members, and for them a decision costs one or two cache lines where a
 * hash map and a time-ordered tree cost a dozen scattered objects (11% of a decision's CPU was this
 * class when it kept both). A carrier-NAT IP at the bound of a thousand members costs a scan of 16 KB
 * of contiguous memory, about a microsecond.
 */
final class DistinctWindow {
    private static final int INITIAL_MEMBERS = 2;

    private final long windowMillis;
    private final int bound;
    /** {@code [fingerprint, lastSeen]} of member {@code i} at {@code 2i, 2i+1}, for {@code i < size}. */
    private long[] slots = new long[2 * INITIAL_MEMBERS];
    private int size;

    DistinctWindow(long windowMillis, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1, got " + bound);
        }
        this.windowMillis = windowMillis;
        this.bound = bound;
    }

    void add(long member, long timeMillis) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (slots[i] == member) {
                slots[i + 1] = Math.max(slots[i + 1], timeMillis);
                return;
            }
        }
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, 2 * Math.min(bound + 1, 2 * size));
        }
        slots[2 * size] = member;
        slots[2 * size + 1] = timeMillis;
        size++;
        if (size > bound) {
            removeAt(oldest()); // the new member itself, if it arrived late and older than all the others
        }
    }

    /** Members last seen within {@code (t - window, t]}, forgetting members that fell out of every window. */
    int count(long timeMillis) {
        long from = timeMillis - windowMillis;
        int count = 0;
        int i = 0;
        while (i < size) {
            long seen = slots[2 * i + 1];
            if (seen <= from) {
                removeAt(i); // the last member moves here: look at slot i again
            } else {
                if (seen <= timeMillis) {
                    count++; // members seen after t (the event arrived late) are left out
                }
                i++;
            }
        }
        return count;
    }

    /** The member seen longest ago; of those seen at the same time, the smallest fingerprint. */
    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < size; i++) {
            long seen = slots[2 * i + 1];
            long oldestSeen = slots[2 * oldest + 1];
            if (seen < oldestSeen || (seen == oldestSeen && slots[2 * i] < slots[2 * oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    private void removeAt(int index) {
        size--;
        slots[2 * index] = slots[2 * size];
        slots[2 * index + 1] = slots[2 * size + 1];
    }
}
