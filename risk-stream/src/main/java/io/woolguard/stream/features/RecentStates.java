package io.woolguard.stream.features;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoded states of the most recently used keys of one operator instance, in access order,
 * at most {@code capacity} of them, in front of its Flink (RocksDB) state. Entries are of two kinds:
 *
 * <ul>
 *   <li><b>clean</b> ({@link #put}, only without a writer: write-through): the owner has just
 *       written the value to the backend; it equals what the backend holds and is dropped silently
 *       when evicted;</li>
 *   <li><b>dirty</b> ({@link #putDirty}, only with a {@link Writer}: write-back): the owner records the new value
 *       here only; the entry is <em>dirty</em> until the writer has written it, which happens when it
 *       is evicted and for every dirty entry at {@link #flush()}. The owner must flush before every
 *       checkpoint barrier (so a snapshot holds every value) and must write or clear the backend
 *       itself when it {@link #remove}s a key.</li>
 * </ul>
 *
 * <p>A flush visits the dirty entries only (a list of them is kept as they become dirty), not the
 * whole cache: it runs on the task thread at every checkpoint barrier, and the cache holds up to
 * {@link io.woolguard.stream.FeatureJobConfig#entityCacheSize() 150,000} keys.
 *
 * <p>Either way, only the owning instance may read or write those keys' state (true for keyed state
 * in one subtask); a restored or rescaled job starts with new instances and empty caches. Callers
 * must never modify an array after handing it over. Not thread-safe.
 */
public final class RecentStates<K> {
    /** Writes one key's value to the backend (an evicted or flushed dirty entry). */
    @FunctionalInterface
    public interface Writer<K> {
        void write(K key, byte[] encoded) throws Exception;
    }

    private static final class Slot<K> {
        final K key;
        byte[] encoded;
        boolean dirty;

        Slot(K key, byte[] encoded) {
            this.key = key;
            this.encoded = encoded;
        }
    }

    private final int capacity;
    private final LinkedHashMap<K, Slot<K>> entries;
    private final Writer<K> writer;
    /**
     * Every slot that became dirty since the last flush, in that order; a slot written on eviction
     * or removed since is no longer dirty and is skipped (and dropped when the list is compacted).
     */
    private final ArrayList<Slot<K>> dirtySlots = new ArrayList<>();
    private int dirty;

    /** A write-through cache. @param capacity how many keys to keep, at least 1 */
    public RecentStates(int capacity) {
        this(capacity, null);
    }

    /**
     * @param capacity how many keys to keep, at least 1
     * @param writer   writes evicted and flushed dirty entries; null for write-through use only
     */
    public RecentStates(int capacity, Writer<K> writer) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.writer = writer;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true);
    }

    /** The cached state of {@code key}, or null when not cached (which says nothing about the backend). */
    public byte[] get(K key) {
        Slot<K> slot = entries.get(key);
        return slot == null ? null : slot.encoded;
    }

    /** Records what was just written to the backend for {@code key} (write-through caches only). */
    public void put(K key, byte[] encoded) {
        if (writer != null) {
            throw new IllegalStateException("a write-back cache takes dirty entries only");
        }
        Slot<K> slot = entries.get(key);
        if (slot != null) {
            slot.encoded = encoded;
            return;
        }
        entries.put(key, new Slot<>(key, encoded));
        if (entries.size() > capacity) {
            // nothing is dirty in a write-through cache: the eldest goes without a write
            Iterator<Map.Entry<K, Slot<K>>> eldest = entries.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /**
     * Records {@code key}'s new value, not written to the backend (write-back caches only): the
     * writer writes it when it is evicted or flushed. Beyond the capacity, the least recently used
     * entry goes, written first if dirty.
     */
    public void putDirty(K key, byte[] encoded) throws Exception {
        if (writer == null) {
            throw new IllegalStateException("a write-through cache (no writer) takes no dirty entries");
        }
        Slot<K> slot = entries.get(key);
        if (slot != null) {
            slot.encoded = encoded;
            markDirty(slot);
            return;
        }
        slot = new Slot<>(key, encoded);
        entries.put(key, slot);
        markDirty(slot);
        if (entries.size() <= capacity) {
            return;
        }
        Iterator<Map.Entry<K, Slot<K>>> eldest = entries.entrySet().iterator();
        Slot<K> evicted = eldest.next().getValue();
        eldest.remove();
        if (evicted.dirty) {
            writer.write(evicted.key, evicted.encoded);
        }
        forget(evicted);
    }

    private void markDirty(Slot<K> slot) {
        if (slot.dirty) {
            return;
        }
        slot.dirty = true;
        dirty++;
        if (dirtySlots.size() >= 2 * capacity) {
            // many evictions since the last flush: drop the slots that are no longer dirty
            dirtySlots.removeIf(s -> !s.dirty);
        }
        dirtySlots.add(slot);
    }

    /** A slot that has left the cache: no longer dirty, and its value not kept alive by the dirty list. */
    private void forget(Slot<K> slot) {
        if (slot.dirty) {
            slot.dirty = false;
            dirty--;
        }
        slot.encoded = null;
    }

    /**
     * Forgets {@code key}, dirty or not: the caller has just cleared (or written) its backend state.
     */
    public void remove(K key) {
        Slot<K> slot = entries.remove(key);
        if (slot != null) {
            forget(slot);
        }
    }

    /**
     * Writes every dirty entry through the writer, in the order they became dirty; they stay
     * cached, clean. If the writer throws, the entries not written yet stay dirty.
     */
    public void flush() throws Exception {
        for (Slot<K> slot : dirtySlots) {
            if (slot.dirty) {
                writer.write(slot.key, slot.encoded);
                slot.dirty = false;
                dirty--;
            }
        }
        dirtySlots.clear();
    }

    /** How many keys are cached. */
    public int size() {
        return entries.size();
    }

    /** How many cached keys hold a value the backend does not have yet. */
    public int dirtyCount() {
        return dirty;
    }
}
