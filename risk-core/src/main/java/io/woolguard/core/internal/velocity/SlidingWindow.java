package io.woolguard.core.internal.velocity;

/**
 * A count over a sliding event-time window, kept in a ring of fixed-width buckets: memory is one
 * int per bucket whatever the rate. A count at time {@code t} sums the buckets in
 * {@code (t - window, t]} at bucket granularity. Events older than the window behind the newest
 * event seen are dropped (they could no longer be counted in any window that matters).
 *
 * <p>The sum of the live buckets is kept as a running total, so counting as of the newest event (the
 * usual case: the event just added) costs no walk over the ring. Not thread-safe: the owner synchronizes.
 */
final class SlidingWindow {
    private final long bucketMillis;
    private final int[] buckets;
    /** The bucket index (epoch millis / bucketMillis) of the newest event; Long.MIN_VALUE when empty. */
    private long head = Long.MIN_VALUE;
    /** Sum of the buckets in (head - n, head]. */
    private int total;

    SlidingWindow(long windowMillis, int bucketCount) {
        if (bucketCount < 1 || windowMillis % bucketCount != 0) {
            throw new IllegalArgumentException("window must be a whole number of buckets");
        }
        this.bucketMillis = windowMillis / bucketCount;
        this.buckets = new int[bucketCount];
    }

    /** Counts one event at {@code timeMillis}. */
    void add(long timeMillis) {
        long index = Math.floorDiv(timeMillis, bucketMillis);
        int n = buckets.length;
        if (head == Long.MIN_VALUE) {
            head = index;
        } else if (index > head) {
            if (index - head >= n) {
                java.util.Arrays.fill(buckets, 0);
                total = 0;
            } else {
                for (long i = head + 1; i <= index; i++) {
                    int slot = slot(i);
                    total -= buckets[slot]; // the bucket of epoch i - n slides out
                    buckets[slot] = 0;
                }
            }
            head = index;
        } else if (index <= head - n) {
            return; // older than the whole window behind the newest event
        }
        buckets[slot(index)]++;
        total++;
    }

    /** Events counted in the window ending at {@code timeMillis} (inclusive). */
    int count(long timeMillis) {
        if (head == Long.MIN_VALUE) {
            return 0;
        }
        long index = Math.floorDiv(timeMillis, bucketMillis);
        int n = buckets.length;
        if (index >= head) {
            if (index - head >= n) {
                return 0;
            }
            int sum = total;
            for (long i = head - n + 1; i <= index - n; i++) {
                sum -= buckets[slot(i)]; // buckets that have slid out by timeMillis
            }
            return sum;
        }
        int sum = 0; // as of an earlier time than the newest event: walk the overlap
        for (long i = Math.max(index - n + 1, head - n + 1); i <= index; i++) {
            sum += buckets[slot(i)];
        }
        return sum;
    }

    /** True when nothing counted here can still be in a window ending at or after {@code timeMillis}. */
    boolean isIdleAt(long timeMillis) {
        return head == Long.MIN_VALUE || Math.floorDiv(timeMillis, bucketMillis) - head >= buckets.length;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) buckets.length);
    }
}
