package io.woolguard.core.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stored (stream-computed) features per entity: RocksDB for durability, a bounded Caffeine cache
 * in front of it for the decide path. Writes go to RocksDB in one batch and then replace the cached
 * entries they touched with the merged values (write-through): the entities the stream just updated
 * are the ones the next decisions read, and invalidating them made every such read, and the next
 * update's merge, a RocksDB read. Per feature, an update with an older event time than the stored
 * value is ignored.
 *
 * <p>An apply may also be <em>deferred</em> ({@link #apply(Collection, ChangeListener, boolean)}): its
 * merged values are cached and held as unwritten until {@link #flush()} writes every held entity in
 * one batch. A checkpointing stream applies deferred and flushes before each checkpoint barrier (it
 * replays everything after its last checkpoint after a crash), so an entity it updates many times
 * between two checkpoints (a campaign, a carrier's NAT IP, a farm device in a burst) costs one RocksDB
 * write, not one per update. Readers see unwritten values: a cache miss looks among them before
 * RocksDB. At most {@value #MAX_UNWRITTEN} entities are held; an apply that would hold more flushes.
 *
 * <p>Thread-safe: reads are lock-free, writes and flushes are serialized.
 */
public final class FeatureStore {
    /**
     * An entity's key in the store and cache. {@code equals} and {@code hashCode} are written out: a
     * record's generated ones go through method handles, which measured ~8% of a decision's CPU in
     * the cache look-ups.
     */
    public record EntityKey(EntityType type, String id) {
        byte[] bytes() {
            return Keys.of(type.name(), id);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EntityKey key && type == key.type && Objects.equals(id, key.id);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(type) + Objects.hashCode(id);
        }
    }

    /** Bounds the memory held by deferred applies (a few hundred bytes per entity) between flushes. */
    static final int MAX_UNWRITTEN = 100_000;
    /** Entities per RocksDB batch when flushing. */
    private static final int FLUSH_BATCH = 4_096;

    private final RocksStore store;
    private final Cache<EntityKey, StoredFeatures> cache;
    /** Merged by deferred applies, not yet in RocksDB; only changed under {@link #writeLock}. */
    private final Map<EntityKey, StoredFeatures> unwritten = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final int maxUnwritten;

    public FeatureStore(RocksStore store, long cacheSize) {
        this(store, cacheSize, MAX_UNWRITTEN);
    }

    FeatureStore(RocksStore store, long cacheSize, int maxUnwritten) {
        this.store = store;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.maxUnwritten = maxUnwritten;
    }

    /**
     * The stored features of an entity (empty when none).
     *
     * @throws StoreException if RocksDB cannot be read
     */
    public StoredFeatures read(EntityType type, String id) {
        return read(new EntityKey(type, id));
    }

    /** As {@link #read(EntityType, String)}, with the key at hand. */
    public StoredFeatures read(EntityKey key) {
        return cache.get(key, this::load);
    }

    private StoredFeatures load(EntityKey key) {
        StoredFeatures held = unwritten.get(key);
        if (held != null) {
            return held;
        }
        byte[] bytes = store.get(Column.FEATURES, key.bytes());
        return bytes == null ? StoredFeatures.empty() : FeatureCodec.decode(bytes);
    }

    /** Told of every entity whose stored features an {@link #apply} changed, after the cache has them. */
    @FunctionalInterface
    public interface ChangeListener {
        ChangeListener NONE = (key, features) -> { };

        void changed(EntityKey key, StoredFeatures features);
    }

    /** As {@link #apply(Collection, ChangeListener)} without a listener. */
    public int apply(Collection<FeatureUpdate> updates) {
        return apply(updates, ChangeListener.NONE);
    }

    /** As {@link #apply(Collection, ChangeListener, boolean)}, written to RocksDB before it returns. */
    public int apply(Collection<FeatureUpdate> updates, ChangeListener listener) {
        return apply(updates, listener, false);
    }

    /**
     * Applies updates: merged per entity and per feature by event time, then put into the cache and
     * either written in one RocksDB batch before this returns or, when {@code deferWrite}, held for
     * the next {@link #flush()}. A reader that loaded an entity from RocksDB concurrently cannot leave
     * the old value cached: Caffeine's put for that key waits for the load and replaces its result.
     * Then {@code listener} hears of each changed entity, under the write lock, so consecutive
     * applies reach it in order.
     *
     * @return how many entities changed
     * @throws StoreException if RocksDB cannot be read or written
     */
    public int apply(Collection<FeatureUpdate> updates, ChangeListener listener, boolean deferWrite) {
        if (updates.isEmpty()) {
            return 0;
        }
        writeLock.lock();
        try {
            Map<EntityKey, StoredFeatures> merged = new LinkedHashMap<>();
            Map<EntityKey, StoredFeatures> before = new HashMap<>();
            for (FeatureUpdate update : updates) {
                EntityKey key = new EntityKey(update.entityType(), update.entityId());
                StoredFeatures current = merged.get(key);
                if (current == null) {
                    current = cache.getIfPresent(key);
                    if (current == null) {
                        current = load(key);
                    }
                    before.put(key, current);
                }
                merged.put(key, current.merge(update.values(), update.eventTimeMillis()));
            }
            List<Map.Entry<EntityKey, StoredFeatures>> changed = new ArrayList<>(merged.size());
            for (Map.Entry<EntityKey, StoredFeatures> entry : merged.entrySet()) {
                if (entry.getValue() != before.get(entry.getKey())) {
                    changed.add(entry);
                }
            }
            if (deferWrite) {
                changed.forEach(entry -> unwritten.put(entry.getKey(), entry.getValue()));
                if (unwritten.size() > maxUnwritten) {
                    writeUnwritten();
                }
            } else {
                write(changed);
                if (!unwritten.isEmpty()) {
                    changed.forEach(entry -> unwritten.remove(entry.getKey())); // RocksDB has newer values now
                }
            }
            cache.putAll(merged);
            changed.forEach(entry -> listener.changed(entry.getKey(), entry.getValue()));
            return changed.size();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes every entity held by deferred applies to RocksDB (durable once this returns, as a
     * non-deferred apply is). Cheap when nothing is held.
     *
     * @return how many entities were written
     * @throws StoreException if RocksDB cannot be written (the entities stay held)
     */
    public int flush() {
        if (unwritten.isEmpty()) {
            return 0;
        }
        writeLock.lock();
        try {
            return writeUnwritten();
        } finally {
            writeLock.unlock();
        }
    }

    /** How many entities deferred applies hold unwritten (for monitoring and tests). */
    public int unwrittenCount() {
        return unwritten.size();
    }

    private int writeUnwritten() {
        List<Map.Entry<EntityKey, StoredFeatures>> held = List.copyOf(unwritten.entrySet());
        for (int from = 0; from < held.size(); from += FLUSH_BATCH) {
            List<Map.Entry<EntityKey, StoredFeatures>> part = held.subList(from, Math.min(held.size(), from + FLUSH_BATCH));
            write(part);
            // after the write: a concurrent reader that misses the cache finds the value held or in RocksDB
            part.forEach(entry -> unwritten.remove(entry.getKey(), entry.getValue()));
        }
        return held.size();
    }

    private void write(List<Map.Entry<EntityKey, StoredFeatures>> entries) {
        RocksStore.Batch batch = store.batch();
        for (Map.Entry<EntityKey, StoredFeatures> entry : entries) {
            batch.put(Column.FEATURES, entry.getKey().bytes(), FeatureCodec.encode(entry.getValue()));
        }
        store.write(batch); // also when empty: writing releases the native batch
    }

    /** How many entities have stored features (walks RocksDB; for start-up logging). */
    public long entityCount() {
        return store.count(Column.FEATURES);
    }
}
