package io.woolguard.stream.features;

import io.woolguard.core.EntityType;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.graph.GraphInput;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-entity feature operator, keyed by {@link EntityObservation#key()}: one {@code byte[]}
 * value per entity (counters, histograms, first sightings, last emitted values and, up to
 * {@link #INLINE_MEMBERS}, the members of its exact distinct counts: accounts / devices / IPs with
 * their last-seen time) and, for entities with more members, one map of members. Emits the
 * values that changed (absolute, as of the entity's event time) on every observation, and again
 * when an event-time timer sees a window slide; when every window is empty and nothing is left to
 * remember, the key's state and timers are gone. Identifiers that link accounts in the graph send
 * {@link #GRAPH_EDGES} for accounts new to them.
 *
 * <p>Run it by a {@link WriteBackProcessOperator} (as {@link io.woolguard.stream.FeatureJob} does): then the
 * values of recently used entities are kept on the heap and written to Flink state only when they are
 * evicted from the cache and before every checkpoint barrier ({@link RecentStates}, write-back). Run
 * by a plain {@code KeyedProcessOperator} ({@code keyedStream.process(...)}), every value is written
 * to Flink state at once and the cache only saves reads (write-through).
 */
public final class EntityFeatureFunction extends KeyedProcessFunction<String, EntityObservation, FeatureOutput>
        implements WriteBackCache {
    private static final long serialVersionUID = 1L;
    /**
     * An entity keeps up to this many distinct-count members (all families together) inside its one
     * value; beyond, they move to the member map state. Most entities never get there, so most
     * observations cost one state read and one state write.
     */
    static final int INLINE_MEMBERS = 32;

    /** Account–identifier links for the graph operator. */
    public static final OutputTag<GraphInput> GRAPH_EDGES = new OutputTag<>("graph-edges") { };

    private final FeatureJobConfig config;
    private transient Map<EntityType, EntityFeatures> byType;
    private transient ValueState<byte[]> entity;
    private transient MapState<String, Long> members;
    private transient Map<EntityType, MemberStore[]> storesByType;
    private transient CurrentEntity current;
    /**
     * The encoded states of the most recently used keys, or null when disabled (encoded rather than
     * decoded: one flat array per key is far cheaper for the garbage collector to keep). Only this
     * instance reads or writes its keys' state; a restored or rescaled job starts with new instances
     * and an empty cache. Write-back when {@link #keys} is set: an entry newer than Flink state
     * is written when evicted and by {@link #flush()} (before every checkpoint barrier), so a
     * snapshot holds every value, and clearing a key clears Flink state at once. Write-through
     * otherwise: every state write updates it in the same call. An encoded array is never modified
     * afterwards, so sharing it with the state backend is safe.
     */
    private transient RecentStates<String> recent;
    /**
     * The operator's key context, set by {@link WriteBackProcessOperator} before {@link #open}: the
     * cache is write-back, and an evicted or flushed entry is written by switching the current key
     * to it. Null under a plain {@code KeyedProcessOperator} (write-through).
     */
    private transient KeyContext keys;
    /** A cache write switched the current key away from the key being processed. */
    private transient boolean keySwitched;

    public EntityFeatureFunction(FeatureJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        entity = getRuntimeContext().getState(
                new ValueStateDescriptor<>("entity", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.STRING, Types.LONG));
        byType = new EnumMap<>(EntityType.class);
        storesByType = new EnumMap<>(EntityType.class);
        current = new CurrentEntity();
        int cacheSize = config.entityCacheSize();
        recent = cacheSize == 0 ? null : keys == null ? new RecentStates<>(cacheSize)
                : new RecentStates<>(cacheSize, this::writeOtherKey);
        for (EntityType type : EntityType.values()) {
            EntityFeatures features = new EntityFeatures(type, config);
            byType.put(type, features);
            List<EntitySpec.Distinct> distincts = features.spec().distincts();
            MemberStore[] stores = new MemberStore[distincts.size()];
            for (int i = 0; i < stores.length; i++) {
                stores[i] = new PrefixedStore(current, members, distincts.get(i).member().prefix);
            }
            storesByType.put(type, stores);
        }
    }

    @Override
    public void writeBackThrough(KeyContext keys) {
        this.keys = keys;
    }

    /** Writes every cached value that Flink state does not hold yet (write-back only; a no-op otherwise). */
    @Override
    public void flush() throws Exception {
        if (keys == null || recent == null || recent.dirtyCount() == 0) {
            return;
        }
        WriteBackCache.keepingCurrentKey(keys, recent::flush);
        keySwitched = false;
    }

    /** Writes an evicted or flushed entry: {@code key} becomes the current key, see {@link #keySwitched}. */
    private void writeOtherKey(String key, byte[] bytes) throws Exception {
        keys.setCurrentKey(key);
        keySwitched = true;
        entity.update(bytes);
    }

    @Override
    public void processElement(EntityObservation o, Context ctx, Collector<FeatureOutput> out) throws Exception {
        EntityFeatures features = byType.get(o.entityType);
        String key = ctx.getCurrentKey();
        EntityState s = load(key, features);
        if (s == null) {
            s = features.emptyState();
        }
        current.state = s;
        features.observe(s, o, storesByType.get(o.entityType), account -> ctx.output(GRAPH_EDGES,
                GraphInput.edge(account, o.entityType, o.entityId, o.eventTimeMillis, o.accountCreatedAtMillis)));
        if (!features.emitsOnTimerOnly()) {
            emit(features, s, o.entityType, o.entityId, out);
        }
        scheduleAndStore(key, features, s, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureOutput> out) throws Exception {
        String key = ctx.getCurrentKey();
        EntityType type = EntityObservation.typeOfKey(key);
        EntityFeatures features = byType.get(type);
        EntityState s = load(key, features);
        if (s == null) {
            return;
        }
        current.state = s;
        if (s.timerAt == timestamp) {
            s.timerAt = 0;
        }
        features.advanceTo(s, timestamp, storesByType.get(type));
        emit(features, s, type, EntityObservation.idOfKey(key), out);
        scheduleAndStore(key, features, s, ctx.timerService());
    }

    /** The current key's state: from the cache of recent keys, else decoded from Flink state; null when none. */
    private EntityState load(String key, EntityFeatures features) throws Exception {
        byte[] bytes = recent == null ? null : recent.get(key);
        if (bytes == null) {
            bytes = entity.value();
        }
        return bytes == null ? null : features.decode(bytes);
    }

    private static void emit(EntityFeatures features, EntityState s, EntityType type, String id,
                             Collector<FeatureOutput> out) {
        Map<String, Double> changes = features.changes(s);
        if (!changes.isEmpty()) {
            out.collect(new FeatureOutput(type, id, changes, s.clock));
        }
    }

    private void scheduleAndStore(String key, EntityFeatures features, EntityState s, TimerService timers)
            throws Exception {
        long next = features.nextTimer(s);
        if (next == Long.MAX_VALUE) {
            if (s.timerAt != 0) {
                timers.deleteEventTimeTimer(s.timerAt);
            }
            entity.clear();
            if (recent != null) {
                recent.remove(key);
            }
            if (s.spilled && holdsMembers(s)) {
                // a RocksDB map clear is a seek: skip it when the map is known to be empty
                members.clear();
            }
            return;
        }
        if (s.spilled && !holdsMembers(s)) {
            // every family emptied its members (reset or sketches): the map is empty, go back inline
            s.spilled = false;
        }
        if (s.timerAt == 0 || next < s.timerAt) {
            if (s.timerAt != 0) {
                timers.deleteEventTimeTimer(s.timerAt);
            }
            timers.registerEventTimeTimer(next);
            s.timerAt = next;
        }
        byte[] bytes = s.encode();
        if (keys != null && recent != null) {
            // write-back: Flink state gets it when evicted or flushed; a put may evict another key
            recent.putDirty(key, bytes);
            if (keySwitched) {
                keys.setCurrentKey(key);
                keySwitched = false;
            }
            return;
        }
        entity.update(bytes);
        if (recent != null) {
            recent.put(key, bytes);
        }
    }

    private static boolean holdsMembers(EntityState s) {
        for (DistinctCount d : s.distincts) {
            if (d.storedMembers() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One distinct family's members, told apart from the other families by a key prefix: inline in
     * the entity's value ({@link EntityState#inlineMembers}) while the entity holds at most
     * {@link #INLINE_MEMBERS} members, else in the key's shared member map state.
     */
    private static final class PrefixedStore implements MemberStore {
        private final CurrentEntity current;
        private final MapState<String, Long> map;
        private final String prefix;

        PrefixedStore(CurrentEntity current, MapState<String, Long> map, char prefix) {
            this.current = current;
            this.map = map;
            this.prefix = String.valueOf(prefix);
        }

        @Override
        public Long get(String member) {
            EntityState s = current.state;
            if (!s.spilled) {
                return s.inlineMembers == null ? null : s.inlineMembers.get(prefix + member);
            }
            try {
                return map.get(prefix + member);
            } catch (Exception e) {
                throw new IllegalStateException("reading member state failed", e);
            }
        }

        @Override
        public void put(String member, long lastSeenMillis) {
            EntityState s = current.state;
            if (!s.spilled) {
                if (s.inlineMembers == null) {
                    s.inlineMembers = new HashMap<>();
                }
                s.inlineMembers.put(prefix + member, lastSeenMillis);
                if (s.inlineMembers.size() > INLINE_MEMBERS) {
                    spill(s);
                }
                return;
            }
            try {
                map.put(prefix + member, lastSeenMillis);
            } catch (Exception e) {
                throw new IllegalStateException("writing member state failed", e);
            }
        }

        /** Moves the entity's inline members (every family) into the map state. */
        private void spill(EntityState s) {
            try {
                map.putAll(s.inlineMembers);
            } catch (Exception e) {
                throw new IllegalStateException("writing member state failed", e);
            }
            s.inlineMembers = null;
            s.spilled = true;
        }

        @Override
        public void remove(String member) {
            EntityState s = current.state;
            if (!s.spilled) {
                if (s.inlineMembers != null) {
                    s.inlineMembers.remove(prefix + member);
                }
                return;
            }
            try {
                map.remove(prefix + member);
            } catch (Exception e) {
                throw new IllegalStateException("writing member state failed", e);
            }
        }

        @Override
        public Iterable<Map.Entry<String, Long>> entries() {
            EntityState s = current.state;
            List<Map.Entry<String, Long>> mine = new ArrayList<>();
            if (!s.spilled) {
                if (s.inlineMembers != null) {
                    for (Map.Entry<String, Long> e : s.inlineMembers.entrySet()) {
                        if (e.getKey().startsWith(prefix)) {
                            mine.add(Map.entry(e.getKey().substring(1), e.getValue()));
                        }
                    }
                }
                return mine;
            }
            try {
                for (Map.Entry<String, Long> e : map.entries()) {
                    if (e.getKey().startsWith(prefix)) {
                        mine.add(Map.entry(e.getKey().substring(1), e.getValue()));
                    }
                }
                return mine;
            } catch (Exception e) {
                throw new IllegalStateException("reading member state failed", e);
            }
        }

        @Override
        public void clear() {
            EntityState s = current.state;
            if (!s.spilled) {
                if (s.inlineMembers != null) {
                    s.inlineMembers.keySet().removeIf(k -> k.startsWith(prefix));
                }
                return;
            }
            for (Map.Entry<String, Long> e : entries()) {
                remove(e.getKey());
            }
        }
    }

    /** The state of the key being processed, for the member stores. */
    private static final class CurrentEntity {
        EntityState state;
    }
}
