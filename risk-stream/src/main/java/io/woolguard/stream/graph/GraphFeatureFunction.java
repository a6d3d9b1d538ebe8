package io.woolguard.stream.graph;

import io.woolguard.core.EntityType;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.features.RecentStates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The graph operator: {@link LinkedAccounts} over Flink keyed state, run at parallelism 1 under a
 * single constant key.
 *
 * <p>Why one instance: a component can span any accounts, so a partitioned union-find would need
 * a multi-round protocol between subtasks for every merge. The graph's input is small (only claims,
 * account labels and the first link of an account to an identifier, which the entity operator
 * already deduplicates), so one instance on RocksDB keeps up, and union-find stays exact and simple.
 *
 * <p>State: vertices and components in two {@code MapState<String, byte[]>}; the clock; the event-time
 * schedule (windows sliding, retention) as {@code time → count} plus {@code "time#i" → root}, driven by
 * one event-time timer per distinct scheduled time (times are quantised: 30-minute buckets, whole
 * hours); the roots whose members wait for a refresh, driven by a processing-time timer at the next
 * multiple of the refresh interval, or by the next event-time timer if that comes first.
 */
public final class GraphFeatureFunction extends KeyedProcessFunction<Integer, GraphInput, FeatureOutput> {
    private static final long serialVersionUID = 1L;

    private final LinkedAccounts graph;
    private final int cacheSize;
    private final long refreshMillis;
    private transient FlinkGraphStore store;

    public GraphFeatureFunction(FeatureJobConfig config) {
        this.graph = new LinkedAccounts(config);
        this.cacheSize = config.graphCacheSize();
        this.refreshMillis = config.graphRefreshInterval().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        store = new FlinkGraphStore(
                getRuntimeContext().getMapState(new MapStateDescriptor<>("nodes", Types.STRING,
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("clusters", Types.STRING,
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)),
                getRuntimeContext().getState(new ValueStateDescriptor<>("clock", Types.LONG)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("schedule-sizes", Types.LONG, Types.INT)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("schedule-entries", Types.STRING, Types.STRING)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("refresh-pending", Types.STRING, Types.BOOLEAN)),
                cacheSize, refreshMillis);
        getRuntimeContext().getMetricGroup().gauge("superNodeSkips", graph::superNodeSkips);
        getRuntimeContext().getMetricGroup().gauge("fanoutsSkipped", graph::fanoutsSkipped);
    }

    @Override
    public void processElement(GraphInput in, Context ctx, Collector<FeatureOutput> out) {
        store.timers = ctx.timerService();
        graph.process(store, in, emitterInto(out));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureOutput> out) throws Exception {
        store.timers = ctx.timerService();
        // Pending member refreshes run before any window slides or cluster is forgotten, also when
        // event time gets there first: at the end of a bounded input the job fires every event-time
        // timer and stops without firing processing-time ones.
        for (String root : store.takePendingRefreshes()) {
            graph.refreshMembers(store, root, emitterInto(out));
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            return;
        }
        Integer due = store.sizes.get(timestamp);
        if (due == null) {
            return;
        }
        store.sizes.remove(timestamp);
        for (int i = 0; i < due; i++) {
            String entry = timestamp + "#" + i;
            String root = store.entries.get(entry);
            store.entries.remove(entry);
            graph.onSchedule(store, timestamp, root, emitterInto(out));
        }
        if (store.nodes.isEmpty() && store.sizes.isEmpty() && store.pendingRefreshes.isEmpty()) {
            // every component was forgotten: drop the clock too, leaving no state behind
            store.clearClock();
        }
    }

    /** Graph features are stored under the account they are about. */
    private static LinkedAccounts.Emitter emitterInto(Collector<FeatureOutput> out) {
        return (account, values, time) -> out.collect(new FeatureOutput(EntityType.ACCOUNT, account, values, time));
    }

    /**
     * The graph in keyed state (one constant key, so every vertex and component of the one instance).
     * Vertices and components are fronted by write-through caches of their encoded state
     * ({@link RecentStates}: every put and remove below updates the cache in the same call, and
     * nothing else writes this state), and the clock by a field, so the RocksDB reads that
     * union-find repeats for the same few vertices within an input are served from the heap.
     */
    private static final class FlinkGraphStore implements GraphStore {
        final MapState<String, byte[]> nodes;
        final MapState<String, byte[]> clusters;
        final ValueState<Long> clock;
        final MapState<Long, Integer> sizes;
        final MapState<String, String> entries;
        final MapState<String, Boolean> pendingRefreshes;
        private final long refreshMillis;
        /** The roots known to be in {@link #pendingRefreshes} (spares a state write per input); cleared with it. */
        private final Set<String> pendingSeen = new HashSet<>();
        /** A refresh timer is registered and has not fired yet. */
        private boolean refreshTimerPending;
        /** Null when caching is off. */
        private final RecentStates<String> recentNodes;
        private final RecentStates<String> recentClusters;
        /** The clock state's value, once read; null before. */
        private Long clockValue;
        TimerService timers;

        FlinkGraphStore(MapState<String, byte[]> nodes, MapState<String, byte[]> clusters, ValueState<Long> clock,
                        MapState<Long, Integer> sizes, MapState<String, String> entries,
                        MapState<String, Boolean> pendingRefreshes, int cacheSize, long refreshMillis) {
            this.nodes = nodes;
            this.clusters = clusters;
            this.clock = clock;
            this.sizes = sizes;
            this.entries = entries;
            this.pendingRefreshes = pendingRefreshes;
            this.refreshMillis = refreshMillis;
            this.recentNodes = cacheSize == 0 ? null : new RecentStates<>(cacheSize);
            this.recentClusters = cacheSize == 0 ? null : new RecentStates<>(cacheSize);
        }

        @Override
        public Node node(String id) {
            byte[] bytes = cachedRead(recentNodes, nodes, id);
            return bytes == null ? null : Node.decode(bytes);
        }

        @Override
        public void putNode(String id, Node node) {
            cachedPut(recentNodes, nodes, id, node.encode());
        }

        @Override
        public void removeNode(String id) {
            cachedRemove(recentNodes, nodes, id);
        }

        @Override
        public Cluster cluster(String root) {
            byte[] bytes = cachedRead(recentClusters, clusters, root);
            return bytes == null ? null : Cluster.decode(bytes);
        }

        @Override
        public void putCluster(String root, Cluster cluster) {
            cachedPut(recentClusters, clusters, root, cluster.encode());
        }

        @Override
        public void removeCluster(String root) {
            cachedRemove(recentClusters, clusters, root);
        }

        @Override
        public long clock() {
            if (clockValue == null) {
                Long value = read(clock::value);
                clockValue = value == null ? Long.MIN_VALUE : value;
            }
            return clockValue;
        }

        @Override
        public void clock(long time) {
            write(() -> clock.update(time));
            clockValue = time;
        }

        void clearClock() {
            clock.clear();
            clockValue = Long.MIN_VALUE;
        }

        private static byte[] cachedRead(RecentStates<String> cache, MapState<String, byte[]> state, String key) {
            byte[] bytes = cache == null ? null : cache.get(key);
            if (bytes == null) {
                bytes = read(() -> state.get(key));
                if (bytes != null && cache != null) {
                    cache.put(key, bytes);
                }
            }
            return bytes;
        }

        private static void cachedPut(RecentStates<String> cache, MapState<String, byte[]> state, String key,
                                      byte[] bytes) {
            write(() -> state.put(key, bytes));
            if (cache != null) {
                cache.put(key, bytes);
            }
        }

        private static void cachedRemove(RecentStates<String> cache, MapState<String, byte[]> state, String key) {
            write(() -> state.remove(key));
            if (cache != null) {
                cache.remove(key);
            }
        }

        @Override
        public void schedule(long time, String root) {
            write(() -> {
                Integer size = sizes.get(time);
                int n = size == null ? 0 : size;
                entries.put(time + "#" + n, root);
                sizes.put(time, n + 1);
                if (n == 0) {
                    timers.registerEventTimeTimer(time);
                }
            });
        }

        @Override
        public void refreshSoon(String root) {
            if (pendingSeen.add(root)) {
                write(() -> pendingRefreshes.put(root, Boolean.TRUE));
            }
            if (!refreshTimerPending) {
                // none registered since the last one fired (or since a restore: a restored timer fires
                // anyway, and one more that finds nothing pending costs nothing)
                long now = timers.currentProcessingTime();
                timers.registerProcessingTimeTimer((Math.floorDiv(now, refreshMillis) + 1) * refreshMillis);
                refreshTimerPending = true;
            }
        }

        /** The roots waiting for a member refresh, removed from the state. */
        List<String> takePendingRefreshes() {
            List<String> roots = new ArrayList<>();
            write(() -> {
                for (String root : pendingRefreshes.keys()) {
                    roots.add(root);
                }
                pendingRefreshes.clear();
            });
            pendingSeen.clear();
            refreshTimerPending = false;
            return roots;
        }

        private interface StateRead<T> {
            T get() throws Exception;
        }

        private interface StateWrite {
            void run() throws Exception;
        }

        private static <T> T read(StateRead<T> read) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("reading graph state failed", e);
            }
        }

        private static void write(StateWrite write) {
            try {
                write.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("writing graph state failed", e);
            }
        }
    }
}
