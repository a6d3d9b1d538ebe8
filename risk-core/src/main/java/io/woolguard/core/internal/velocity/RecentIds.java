package io.woolguard.core.internal.velocity;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The event ids counted recently, so that an event is counted at most once: at most
 * {@code capacity} ids (the oldest go first when full), each remembered for at least
 * {@code ttlNanos} after it was added and forgotten as later ids arrive. Thread-safe.
 *
 * <p>Not a general cache on purpose: every decision adds one id, and a cache that hands its
 * maintenance to another thread after each write (Caffeine) wakes that thread once per decision,
 * which cost more than the rest of the counting. Here an add is one concurrent-map insert and a
 * short synchronized ring update on the caller.
 */
final class RecentIds {
    private static final int INITIAL_RING = 1_024;

    private final int capacity;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Boolean> ids = new ConcurrentHashMap<>();
    /** Ids in the order they were added, oldest at {@code head}; grows by doubling up to capacity. */
    private String[] ring;
    private long[] addedAt;
    private int head;
    private int size;

    RecentIds(long capacity, long ttlNanos) {
        if (capacity < 1 || capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity must be 1.." + (Integer.MAX_VALUE - 8) + ", got " + capacity);
        }
        this.capacity = (int) capacity;
        this.ttlNanos = ttlNanos;
        int initial = Math.min(this.capacity, INITIAL_RING);
        this.ring = new String[initial];
        this.addedAt = new long[initial];
    }

    /**
     * Remembers {@code id} as of {@code nowNanos} ({@link System#nanoTime()} scale).
     *
     * @return true if it was not remembered yet (count the event), false if it was
     */
    boolean add(String id, long nowNanos) {
        if (ids.putIfAbsent(id, Boolean.TRUE) != null) {
            return false;
        }
        synchronized (this) {
            while (size > 0 && (size == capacity || nowNanos - addedAt[head] >= ttlNanos)) {
                ids.remove(ring[head]);
                ring[head] = null;
                head = (head + 1) % ring.length;
                size--;
            }
            if (size == ring.length) {
                grow();
            }
            int tail = (head + size) % ring.length;
            ring[tail] = id;
            addedAt[tail] = nowNanos;
            size++;
        }
        return true;
    }

    /** How many ids are remembered. */
    synchronized int size() {
        return size;
    }

    private void grow() {
        int length = (int) Math.min(capacity, 2L * ring.length);
        String[] newRing = new String[length];
        long[] newAddedAt = new long[length];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % ring.length;
            newRing[i] = ring[from];
            newAddedAt[i] = addedAt[from];
        }
        ring = newRing;
        addedAt = newAddedAt;
        head = 0;
    }
}
