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
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stored (stream-computed) features per entity: RocksDB for durability, a bounded Caffeine cache
 * in front of it for the decide path. Writes go to RocksDB in one batch and then replace the cached
 * entries they touched with the merged values (write-through): the entities the stream just updated
 * are the ones the next decisions read, and invalidating them made every such read, and the next
 * update's merge, a RocksDB read. Per feature, an update with an older event time than the stored
 * value is ignored. Thread-safe: reads are lock-free, writes are serialized.
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

    private final RocksStore store;
    private final Cache<EntityKey, StoredFeatures> cache;
    private final ReentrantLock writeLock = new ReentrantLock();

    public FeatureStore(RocksStore store, long cacheSize) {
        this.store = store;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
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

    /**
     * Applies updates: merged per entity and per feature by event time, written in one RocksDB batch,
     * then put into the cache. A reader that loaded an entity from RocksDB concurrently cannot leave
     * the old value cached: Caffeine's put for that key waits for the load and replaces its result.
     * Then {@code listener} hears of each changed entity, under the write lock, so consecutive
     * applies reach it in order.
     *
     * @return how many entities changed
     */
    public int apply(Collection<FeatureUpdate> updates, ChangeListener listener) {
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
            RocksStore.Batch batch = store.batch();
            List<Map.Entry<EntityKey, StoredFeatures>> changed = new ArrayList<>(merged.size());
            for (Map.Entry<EntityKey, StoredFeatures> entry : merged.entrySet()) {
                if (entry.getValue() != before.get(entry.getKey())) {
                    batch.put(Column.FEATURES, entry.getKey().bytes(), FeatureCodec.encode(entry.getValue()));
                    changed.add(entry);
                }
            }
            store.write(batch); // also when empty: writing releases the native batch
            cache.putAll(merged);
            changed.forEach(entry -> listener.changed(entry.getKey(), entry.getValue()));
            return changed.size();
        } finally {
            writeLock.unlock();
        }
    }

    /** How many entities have stored features (walks RocksDB; for start-up logging). */
    public long entityCount() {
        return store.count(Column.FEATURES);
    }
}
