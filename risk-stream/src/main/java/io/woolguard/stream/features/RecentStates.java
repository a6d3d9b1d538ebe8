package io.woolguard.stream.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoded states of the most recently used keys of one operator instance, in access order,
 * at most {@code capacity} of them: a write-through cache in front of its Flink (RocksDB) state.
 *
 * <p>Correct only when the owner writes through: every state write or removal updates this in the
 * same call, and only the owning instance reads or writes those keys' state (true for keyed state
 * in one subtask), so an entry always equals what the state backend holds. A restored or rescaled
 * job starts with new instances and empty caches. Callers must never modify an array after handing
 * it to {@link #put}. Not thread-safe.
 */
public final class RecentStates<K> {
    private final LinkedHashMap<K, byte[]> entries;

    /** @param capacity how many keys to keep, at least 1 */
    public RecentStates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached state of {@code key}, or null when not cached (which says nothing about the backend). */
    public byte[] get(K key) {
        return entries.get(key);
    }

    /** Records what was just written to the backend for {@code key}. */
    public void put(K key, byte[] encoded) {
        entries.put(key, encoded);
    }

    /** Records that {@code key}'s state was just removed from the backend. */
    public void remove(K key) {
        entries.remove(key);
    }

    /** How many keys are cached. */
    public int size() {
        return entries.size();
    }
}
