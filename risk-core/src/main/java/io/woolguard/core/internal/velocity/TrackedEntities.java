package io.woolguard.core.internal.velocity;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The entities whose live counters are kept: a concurrent map bounded in size and in idle time,
 * whose values say when they were last used. Thread-safe.
 *
 * <p>Not a general cache on purpose. Every decision looks up five to nine entities here; a cache that
 * keeps an exact access order (Caffeine) records each look-up in a buffer and, every sixteen of them,
 * hands the buffer to another thread, waking it: 19% of a decision's CPU, more than the counting. Here
 * a look-up is one {@link ConcurrentHashMap#get}; the order is recovered only when the table is full,
 * by a sweep on the {@code sweeper} executor that drops idle entries and then the least recently used
 * tenth (its cut-off estimated from a sample of last-use times). An entry idle for longer than the
 * idle limit is never handed out, swept or not.
 *
 * <p>Between a sweep's start and end the table can hold more than the limit; past twice the limit
 * the inserting thread sweeps itself, so memory stays bounded when inserts outrun the sweeper.
 *
 * @param <K> the key
 * @param <V> the value, which records its own last use
 */
final class TrackedEntities<K, V extends TrackedEntities.Used> {
    /** A value that knows when it was last used, on the {@link System#nanoTime()} scale. */
    interface Used {
        long lastUsedNanos();
    }

    /** Values sampled to estimate the last-use cut-off of a sweep. */
    private static final int SAMPLE = 4_096;
    /** Share of the limit a sweep leaves: room for a tenth of the limit in new entities before the next. */
    private static final double LOW_WATER = 0.9;

    private final ConcurrentHashMap<K, V> table = new ConcurrentHashMap<>();
    private final long limit;
    private final long idleNanos;
    private final Executor sweeper;
    private final LongSupplier clock;
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long lastSweepNanos;

    /** @param clock the clock a scheduled sweep runs on, the scale of the {@code nowNanos} callers pass */
    TrackedEntities(long limit, long idleNanos, Executor sweeper, LongSupplier clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.idleNanos = idleNanos;
        this.sweeper = sweeper;
        this.clock = clock;
        this.lastSweepNanos = clock.getAsLong();
    }

    /** Makes the value for a key that is not tracked, used as of {@code nowNanos}. */
    interface Factory<K, V> {
        V create(K key, long nowNanos);
    }

    /**
     * The value for {@code key}, created if absent or idle past the limit. The caller marks it used.
     *
     * @param nowNanos the caller's clock ({@link System#nanoTime()} scale)
     */
    V get(K key, long nowNanos, Factory<? super K, ? extends V> factory) {
        while (true) {
            V value = table.get(key);
            if (value != null && !idle(value, nowNanos)) {
                return value;
            }
            V fresh = factory.create(key, nowNanos);
            boolean installed = value == null ? table.putIfAbsent(key, fresh) == null : table.replace(key, value, fresh);
            if (installed) {
                afterInsert(nowNanos);
                return fresh;
            }
            // another thread created or replaced it first: use theirs
        }
    }

    /** The value for {@code key} if it is tracked and not idle past the limit; null otherwise. */
    V getIfPresent(K key, long nowNanos) {
        V value = table.get(key);
        return value == null || idle(value, nowNanos) ? null : value;
    }

    /** The value for {@code key} as tracked now, idle or not, without marking it used; null if not tracked. */
    V peek(K key) {
        return table.get(key);
    }

    /** How many entries are tracked after a sweep as of {@code nowNanos} has run on the caller. */
    long sweptSize(long nowNanos) {
        sweeping.lock();
        try {
            sweep(nowNanos);
        } finally {
            sweeping.unlock();
        }
        return table.mappingCount();
    }

    /** The number of entries now, without sweeping. */
    long sizeForTests() {
        return table.mappingCount();
    }

    private boolean idle(V value, long nowNanos) {
        return nowNanos - value.lastUsedNanos() >= idleNanos;
    }

    private void afterInsert(long nowNanos) {
        long size = table.mappingCount();
        if (size > 2 * limit) {
            sweepUnlessSweeping(nowNanos); // the sweeper is behind (or has no thread to run on): bound memory here
        } else if ((size > limit || nowNanos - lastSweepNanos >= idleNanos) && sweepScheduled.compareAndSet(false, true)) {
            sweeper.execute(() -> {
                try {
                    sweepUnlessSweeping(clock.getAsLong());
                } finally {
                    sweepScheduled.set(false);
                }
            });
        }
    }

    private void sweepUnlessSweeping(long nowNanos) {
        if (sweeping.tryLock()) {
            try {
                sweep(nowNanos);
            } finally {
                sweeping.unlock();
            }
        }
    }

    /**
     * Drops idle entries, then, if more than the limit are left, the least recently used down to
     * {@link #LOW_WATER} of the limit. Holds {@link #sweeping}.
     */
    private void sweep(long nowNanos) {
        lastSweepNanos = nowNanos;
        long size = table.mappingCount();
        int stride = (int) Math.max(1, size / SAMPLE);
        long[] sample = new long[SAMPLE];
        int sampled = 0;
        int seen = 0;
        for (Iterator<Map.Entry<K, V>> entries = table.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<K, V> entry = entries.next();
            long used = entry.getValue().lastUsedNanos();
            if (nowNanos - used >= idleNanos) {
                table.remove(entry.getKey(), entry.getValue());
            } else if (seen++ % stride == 0 && sampled < SAMPLE) {
                sample[sampled++] = used;
            }
        }
        if (table.mappingCount() <= limit || sampled == 0) {
            return; // a sweep for idle entries only: the ones in use stay
        }
        long excess = table.mappingCount() - (long) (limit * LOW_WATER);
        // last-use cut-off below which about `excess` of the entries lie
        Arrays.sort(sample, 0, sampled);
        double share = Math.min(1.0, (double) excess / table.mappingCount());
        long cutoff = sample[(int) Math.min(sampled - 1, Math.round(share * sampled))];
        for (Iterator<Map.Entry<K, V>> entries = table.entrySet().iterator(); entries.hasNext() && excess > 0; ) {
            Map.Entry<K, V> entry = entries.next();
            if (entry.getValue().lastUsedNanos() - cutoff <= 0 && table.remove(entry.getKey(), entry.getValue())) {
                excess--;
            }
        }
        // entries used in the same nanosecond as the cut-off, or sampled unevenly: drop any, to the bound
        for (Iterator<K> keys = table.keySet().iterator(); keys.hasNext() && table.mappingCount() > limit; ) {
            keys.next();
            keys.remove();
        }
    }
}
