package io.woolguard.stream.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Distinct members (accounts of a device, IPs of an account…) over several sliding windows at once,
 * exact up to {@code exactLimit} live members, then approximate.
 *
 * <p><b>Exact mode.</b> Members and their last-seen time live in a {@link MemberStore}; for each
 * window a {@link SlidingCount} counts members by the bucket of their last sighting, so a count is a
 * sum over at most {@code length/bucket + 1} buckets and a member seen again simply moves to a newer
 * bucket: no rescans. The store is swept of members older than the longest window once it holds
 * twice the limit, so its size stays under {@code 2 × exactLimit} and sweeps are amortised O(1).
 *
 * <p><b>Approximate mode.</b> When a sweep still finds more than {@code exactLimit} live members,
 * members are folded into HyperLogLog sketches (Apache DataSketches, lgK = 10, ~3.3 % standard
 * error), one per sixth of each window, and the store is emptied; a window's count is the estimate
 * of the union of its live sketches (so in this mode a member counts for at least the window and at
 * most 7/6 of it). The union is recomputed when the window moves to a new sketch bucket or ~2 % of
 * sightings have arrived since, keeping hot keys cheap. The sketches expire bucket by bucket; once
 * all have expired the count returns to exact mode. Not thread-safe.
 */
public final class DistinctCount {
    static final int LG_K = 10;
    /** Sketch buckets are coarser than exact ones: a sixth of the window, so a hot key holds at most 7 per window. */
    static final int SKETCH_BUCKETS_PER_WINDOW = 6;

    private final WindowSpec[] windows;
    private final WindowSpec longest;
    private final int exactLimit;
    private final SlidingCount[] byLastSeen;
    private int storedMembers;
    private boolean approximate;
    private SketchBuckets[] sketches;

    public DistinctCount(List<WindowSpec> windows, int exactLimit) {
        this.windows = windows.toArray(new WindowSpec[0]);
        WindowSpec max = this.windows[0];
        for (WindowSpec w : this.windows) {
            if (w.lengthMillis() + w.bucketMillis() > max.lengthMillis() + max.bucketMillis()) {
                max = w;
            }
        }
        this.longest = max;
        this.exactLimit = exactLimit;
        this.byLastSeen = new SlidingCount[this.windows.length];
        for (int i = 0; i < this.windows.length; i++) {
            byLastSeen[i] = new SlidingCount(this.windows[i]);
        }
    }

    /** The outcome of one sighting. */
    public enum Sighting {
        /** The member was not known (or had left every window): counts went up. */
        NEW,
        /** Known, and moved to a newer bucket. */
        REFRESHED,
        /** Known and already counted in the same buckets: nothing changed, nothing was written. */
        UNCHANGED,
        /** Approximate mode: the sketches were updated; newness is unknown. */
        APPROXIMATE
    }

    /**
     * Records that {@code member} was seen at {@code timeMillis}; {@code nowMillis} is the newest
     * time known (at least {@code timeMillis}).
     *
     * @return what changed; {@code previous} (if not null) receives the member's previous last-seen
     *         time or {@code Long.MIN_VALUE}
     */
    public Sighting see(String member, long timeMillis, long nowMillis, MemberStore store, long[] previous) {
        if (previous != null) {
            previous[0] = Long.MIN_VALUE;
        }
        if (!longest.isLive(timeMillis, nowMillis)) {
            return Sighting.UNCHANGED;
        }
        if (approximate) {
            for (int i = 0; i < windows.length; i++) {
                if (windows[i].isLive(timeMillis, nowMillis)) {
                    sketches[i].update(member, timeMillis, nowMillis);
                }
            }
            return Sighting.APPROXIMATE;
        }
        Long prev = store.get(member);
        if (previous != null && prev != null) {
            previous[0] = prev;
        }
        boolean known = prev != null && longest.isLive(prev, nowMillis);
        if (known && prev >= timeMillis) {
            return Sighting.UNCHANGED;
        }
        if (known && sameBuckets(prev, timeMillis)) {
            return Sighting.UNCHANGED;
        }
        for (int i = 0; i < windows.length; i++) {
            if (known) {
                byLastSeen[i].add(prev, -1, nowMillis);
            }
            byLastSeen[i].add(timeMillis, 1, nowMillis);
        }
        store.put(member, timeMillis);
        if (prev == null) {
            storedMembers++;
            if (storedMembers > 2 * exactLimit) {
                sweep(nowMillis, store);
            }
        }
        return known ? Sighting.REFRESHED : Sighting.NEW;
    }

    private boolean sameBuckets(long a, long b) {
        for (WindowSpec w : windows) {
            if (w.bucketOf(a) != w.bucketOf(b)) {
                return false;
            }
        }
        return true;
    }

    /** Drops members that left every window; switches to sketches if still over the limit. */
    private void sweep(long nowMillis, MemberStore store) {
        List<String> expired = new ArrayList<>();
        List<Map.Entry<String, Long>> live = new ArrayList<>();
        for (Map.Entry<String, Long> e : store.entries()) {
            if (longest.isLive(e.getValue(), nowMillis)) {
                live.add(Map.entry(e.getKey(), e.getValue()));
            } else {
                expired.add(e.getKey());
            }
        }
        expired.forEach(store::remove);
        storedMembers = live.size();
        if (live.size() > exactLimit) {
            approximate = true;
            sketches = new SketchBuckets[windows.length];
            for (int i = 0; i < windows.length; i++) {
                sketches[i] = new SketchBuckets(sketchWindow(windows[i]));
                byLastSeen[i] = new SlidingCount(windows[i]);
            }
            for (Map.Entry<String, Long> e : live) {
                for (int i = 0; i < windows.length; i++) {
                    if (windows[i].isLive(e.getValue(), nowMillis)) {
                        sketches[i].update(e.getKey(), e.getValue(), nowMillis);
                    }
                }
            }
            store.clear();
            storedMembers = 0;
        }
    }

    /** The distinct count in window {@code index} (order of the constructor's list) at {@code nowMillis}. */
    public long count(int index, long nowMillis) {
        if (approximate) {
            return sketches[index].estimate(nowMillis);
        }
        return byLastSeen[index].count(nowMillis);
    }

    /** True when counts are HyperLogLog estimates. */
    public boolean isApproximate() {
        return approximate;
    }

    /** Members held in the store (exact mode). */
    public int storedMembers() {
        return storedMembers;
    }

    /** When some count next goes down on its own, or {@link Long#MAX_VALUE}. */
    public long nextExpiry(long nowMillis) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < windows.length; i++) {
            next = Math.min(next, approximate ? sketches[i].nextExpiry(nowMillis) : byLastSeen[i].nextExpiry(nowMillis));
        }
        return next;
    }

    /**
     * True when every window is empty at {@code nowMillis}; then the caller may clear the store (see
     * {@link #reset(MemberStore)}). Leaves approximate mode once every sketch has expired.
     */
    public boolean isEmpty(long nowMillis) {
        boolean empty = true;
        for (int i = 0; i < windows.length; i++) {
            empty &= approximate ? sketches[i].isEmpty(nowMillis) : byLastSeen[i].isEmpty(nowMillis);
        }
        if (empty && approximate) {
            approximate = false;
            sketches = null;
        }
        return empty;
    }

    /** Forgets everything, including the store's members. */
    public void reset(MemberStore store) {
        store.clear();
        storedMembers = 0;
        approximate = false;
        sketches = null;
        for (int i = 0; i < windows.length; i++) {
            byLastSeen[i] = new SlidingCount(windows[i]);
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(approximate);
        out.writeInt(storedMembers);
        for (int i = 0; i < windows.length; i++) {
            if (approximate) {
                sketches[i].writeTo(out);
            } else {
                byLastSeen[i].writeTo(out);
            }
        }
    }

    public static DistinctCount readFrom(DataInput in, List<WindowSpec> windows, int exactLimit) throws IOException {
        DistinctCount d = new DistinctCount(windows, exactLimit);
        d.approximate = in.readBoolean();
        d.storedMembers = in.readInt();
        if (d.approximate) {
            d.sketches = new SketchBuckets[d.windows.length];
        }
        for (int i = 0; i < d.windows.length; i++) {
            if (d.approximate) {
                d.sketches[i] = SketchBuckets.readFrom(in, sketchWindow(d.windows[i]));
            } else {
                d.byLastSeen[i] = SlidingCount.readFrom(in, d.windows[i]);
            }
        }
        return d;
    }

    private static WindowSpec sketchWindow(WindowSpec exact) {
        return new WindowSpec(exact.lengthMillis(), exact.lengthMillis() / SKETCH_BUCKETS_PER_WINDOW);
    }

    /** One HLL sketch per bucket of one window, sparse and sorted by bucket, with a cached union estimate. */
    static final class SketchBuckets {
        private final WindowSpec window;
        private long[] buckets = new long[0];
        private byte[][] sketches = new byte[0][];
        private long cachedEstimate = -1;
        private long cachedAtBucket;
        private int updatesSinceEstimate;

        SketchBuckets(WindowSpec window) {
            this.window = window;
        }

        void update(String member, long timeMillis, long nowMillis) {
            prune(nowMillis);
            updatesSinceEstimate++;
            long bucket = window.bucketOf(timeMillis);
            int at = Arrays.binarySearch(buckets, bucket);
            HllSketch sketch;
            if (at >= 0) {
                sketch = HllSketch.heapify(sketches[at]);
            } else {
                at = -at - 1;
                buckets = insert(buckets, at, bucket);
                byte[][] grown = new byte[sketches.length + 1][];
                System.arraycopy(sketches, 0, grown, 0, at);
                System.arraycopy(sketches, at, grown, at + 1, sketches.length - at);
                sketches = grown;
                sketch = new HllSketch(LG_K, TgtHllType.HLL_4);
            }
            sketch.update(member);
            sketches[at] = sketch.toCompactByteArray();
        }

        long estimate(long nowMillis) {
            prune(nowMillis);
            if (buckets.length == 0) {
                return 0;
            }
            long current = window.bucketOf(nowMillis);
            if (cachedEstimate >= 0 && cachedAtBucket == current && updatesSinceEstimate <= cachedEstimate / 50) {
                return cachedEstimate;
            }
            Union union = new Union(LG_K);
            for (byte[] bytes : sketches) {
                union.update(HllSketch.heapify(bytes));
            }
            cachedEstimate = Math.round(union.getEstimate());
            cachedAtBucket = current;
            updatesSinceEstimate = 0;
            return cachedEstimate;
        }

        long nextExpiry(long nowMillis) {
            prune(nowMillis);
            return buckets.length == 0 ? Long.MAX_VALUE : window.expiryOfBucket(buckets[0]);
        }

        boolean isEmpty(long nowMillis) {
            prune(nowMillis);
            return buckets.length == 0;
        }

        private void prune(long nowMillis) {
            long oldest = window.oldestLiveBucket(nowMillis);
            int drop = 0;
            while (drop < buckets.length && buckets[drop] < oldest) {
                drop++;
            }
            if (drop > 0) {
                buckets = Arrays.copyOfRange(buckets, drop, buckets.length);
                sketches = Arrays.copyOfRange(sketches, drop, sketches.length);
                cachedEstimate = -1;
            }
        }

        private static long[] insert(long[] array, int at, long value) {
            long[] grown = new long[array.length + 1];
            System.arraycopy(array, 0, grown, 0, at);
            grown[at] = value;
            System.arraycopy(array, at, grown, at + 1, array.length - at);
            return grown;
        }

        void writeTo(DataOutput out) throws IOException {
            out.writeLong(cachedEstimate);
            out.writeLong(cachedAtBucket);
            out.writeInt(updatesSinceEstimate);
            out.writeShort(buckets.length);
            for (int i = 0; i < buckets.length; i++) {
                out.writeLong(buckets[i]);
                out.writeInt(sketches[i].length);
                out.write(sketches[i]);
            }
        }

        static SketchBuckets readFrom(DataInput in, WindowSpec window) throws IOException {
            SketchBuckets s = new SketchBuckets(window);
            s.cachedEstimate = in.readLong();
            s.cachedAtBucket = in.readLong();
            s.updatesSinceEstimate = in.readInt();
            int n = in.readUnsignedShort();
            s.buckets = new long[n];
            s.sketches = new byte[n][];
            for (int i = 0; i < n; i++) {
                s.buckets[i] = in.readLong();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                s.sketches[i] = bytes;
            }
            return s;
        }
    }
}
