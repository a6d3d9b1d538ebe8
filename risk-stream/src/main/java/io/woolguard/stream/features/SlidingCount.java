package io.woolguard.stream.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A count over a sliding event-time window ({@link WindowSpec}), kept as a sparse, sorted list of
 * non-empty buckets: memory grows with the buckets that saw events, never with the events. Out-of-order
 * additions land in their own bucket as long as it is still in the window. Not thread-safe.
 */
public final class SlidingCount {
    private final WindowSpec window;
    private long[] buckets;
    private long[] counts;
    private int size;

    public SlidingCount(WindowSpec window) {
        this.window = window;
        this.buckets = new long[2];
        this.counts = new long[2];
    }

    /** The window. */
    public WindowSpec window() {
        return window;
    }

    /**
     * Adds {@code delta} at {@code timeMillis}, as seen at {@code nowMillis} (the newest time known);
     * ignored when that time has already left the window. Drops expired buckets.
     *
     * @return true when the count changed
     */
    public boolean add(long timeMillis, long delta, long nowMillis) {
        prune(nowMillis);
        if (delta == 0 || !window.isLive(timeMillis, nowMillis)) {
            return false;
        }
        long bucket = window.bucketOf(timeMillis);
        int at = Arrays.binarySearch(buckets, 0, size, bucket);
        if (at >= 0) {
            counts[at] += delta;
            if (counts[at] == 0) {
                remove(at);
            }
            return true;
        }
        int insert = -at - 1;
        if (size == buckets.length) {
            buckets = Arrays.copyOf(buckets, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(buckets, insert, buckets, insert + 1, size - insert);
        System.arraycopy(counts, insert, counts, insert + 1, size - insert);
        buckets[insert] = bucket;
        counts[insert] = delta;
        size++;
        return true;
    }

    /** The count at {@code nowMillis}. */
    public long count(long nowMillis) {
        long oldest = window.oldestLiveBucket(nowMillis);
        long newest = window.bucketOf(nowMillis);
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (buckets[i] >= oldest && buckets[i] <= newest) {
                sum += counts[i];
            }
        }
        return sum;
    }

    /** The sum of the {@code n} whole buckets before the one {@code nowMillis} falls in. */
    public long sumOfPreviousBuckets(long nowMillis, int n) {
        long current = window.bucketOf(nowMillis);
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (buckets[i] >= current - n && buckets[i] < current) {
                sum += counts[i];
            }
        }
        return sum;
    }

    /** When the count next goes down on its own (the oldest bucket expires), or {@link Long#MAX_VALUE}. */
    public long nextExpiry(long nowMillis) {
        prune(nowMillis);
        return size == 0 ? Long.MAX_VALUE : window.expiryOfBucket(buckets[0]);
    }

    /** True when no bucket is left at {@code nowMillis}. */
    public boolean isEmpty(long nowMillis) {
        prune(nowMillis);
        return size == 0;
    }

    /** How many buckets are held (for tests and state-size checks). */
    public int bucketCount() {
        return size;
    }

    /** Drops the buckets that have left the window at {@code nowMillis}. */
    public void prune(long nowMillis) {
        long oldest = window.oldestLiveBucket(nowMillis);
        int drop = 0;
        while (drop < size && buckets[drop] < oldest) {
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(buckets, drop, buckets, 0, size - drop);
            System.arraycopy(counts, drop, counts, 0, size - drop);
            size -= drop;
        }
    }

    private void remove(int at) {
        System.arraycopy(buckets, at + 1, buckets, at, size - at - 1);
        System.arraycopy(counts, at + 1, counts, at, size - at - 1);
        size--;
    }

    /** Writes the buckets (not the window: the reader supplies it). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(buckets[i]);
            out.writeLong(counts[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static SlidingCount readFrom(DataInput in, WindowSpec window) throws IOException {
        SlidingCount count = new SlidingCount(window);
        int n = in.readUnsignedShort();
        count.buckets = new long[Math.max(2, n)];
        count.counts = new long[Math.max(2, n)];
        for (int i = 0; i < n; i++) {
            count.buckets[i] = in.readLong();
            count.counts[i] = in.readLong();
        }
        count.size = n;
        return count;
    }

    /** Adds every bucket of {@code other} (same window) into this one. */
    public void addAll(SlidingCount other, long nowMillis) {
        for (int i = 0; i < other.size; i++) {
            add(other.buckets[i] * window.bucketMillis(), other.counts[i], nowMillis);
        }
    }
}
