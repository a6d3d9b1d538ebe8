package io.woolguard.stream.features;

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

    private static final class Slot {
        byte[] encoded;
        boolean dirty;

        Slot(byte[] encoded, boolean dirty) {
            this.encoded = encoded;
            this.dirty = dirty;
        }
    }

    private final int capacity;
    private final LinkedHashMap<K, Slot> entries;
    private final Writer<K> writer;
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
        Slot slot = entries.get(key);
        return slot == null ? null : slot.encoded;
    }

    /** Records what was just written to the backend for {@code key} (write-through caches only). */
    public void put(K key, byte[] encoded) {
        if (writer != null) {
            throw new IllegalStateException("a write-back cache takes dirty entries only");
        }
        Slot slot = entries.get(key);
        if (slot != null) {
            slot.encoded = encoded;
            return;
        }
        entries.put(key, new Slot(encoded, false));
        if (entries.size() > capacity) {
            // nothing is dirty in a write-through cache: the eldest goes without a write
            Iterator<Map.Entry<K, Slot>> eldest = entries.entrySet().iterator();
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
        Slot slot = entries.get(key);
        if (slot != null) {
            if (!slot.dirty) {
                slot.dirty = true;
                dirty++;
            }
            slot.encoded = encoded;
            return;
        }
        entries.put(key, new Slot(encoded, true));
        dirty++;
        if (entries.size() <= capacity) {
            return;
        }
        Iterator<Map.Entry<K, Slot>> eldest = entries.entrySet().iterator();
        Map.Entry<K, Slot> e = eldest.next();
        eldest.remove();
        if (e.getValue().dirty) {
            dirty--;
            writer.write(e.getKey(), e.getValue().encoded);
        }
    }

    /**
     * Forgets {@code key}, dirty or not: the caller has just cleared (or written) its backend state.
     */
    public void remove(K key) {
        Slot slot = entries.remove(key);
        if (slot != null && slot.dirty) {
            dirty--;
        }
    }

    /** Writes every dirty entry through the writer; they stay cached, clean. */
    public void flush() throws Exception {
        if (dirty == 0) {
            return;
        }
        for (Map.Entry<K, Slot> e : entries.entrySet()) {
            Slot slot = e.getValue();
            if (slot.dirty) {
                writer.write(e.getKey(), slot.encoded);
                slot.dirty = false;
                dirty--;
            }
        }
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
