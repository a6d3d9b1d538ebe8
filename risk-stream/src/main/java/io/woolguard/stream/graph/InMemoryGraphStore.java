package io.woolguard.stream.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link GraphStore} in hash maps, with a schedule that {@link #runUntil} drives: for tests,
 * benchmarks and offline recomputation. Stores encoded bytes, like the Flink state does, so the
 * codecs are exercised too. Not thread-safe.
 */
public final class InMemoryGraphStore implements GraphStore {
    private final Map<String, byte[]> nodes = new HashMap<>();
    private final Map<String, byte[]> clusters = new HashMap<>();
    private final TreeMap<Long, List<String>> schedule = new TreeMap<>();
    private final Set<String> refreshes = new LinkedHashSet<>();
    private long clock = Long.MIN_VALUE;

    @Override
    public Node node(String id) {
        byte[] bytes = nodes.get(id);
        return bytes == null ? null : Node.decode(bytes);
    }

    @Override
    public void putNode(String id, Node node) {
        nodes.put(id, node.encode());
    }

    @Override
    public void removeNode(String id) {
        nodes.remove(id);
    }

    @Override
    public Cluster cluster(String root) {
        byte[] bytes = clusters.get(root);
        return bytes == null ? null : Cluster.decode(bytes);
    }

    @Override
    public void putCluster(String root, Cluster cluster) {
        clusters.put(root, cluster.encode());
    }

    @Override
    public void removeCluster(String root) {
        clusters.remove(root);
    }

    @Override
    public long clock() {
        return clock;
    }

    @Override
    public void clock(long time) {
        clock = time;
    }

    @Override
    public void schedule(long time, String root) {
        schedule.computeIfAbsent(time, t -> new ArrayList<>()).add(root);
    }

    @Override
    public void refreshSoon(String root) {
        refreshes.add(root);
    }

    /**
     * Runs the member refreshes asked for (as if the refresh interval had passed), then every schedule
     * entry due at or before {@code time}, in time order (like watermark-driven timers): the order in
     * which the job's graph operator runs them when event time gets there first.
     */
    public void runUntil(long time, LinkedAccounts graph, LinkedAccounts.Emitter emitter) {
        refreshPending(graph, emitter);
        while (!schedule.isEmpty() && schedule.firstKey() <= time) {
            Map.Entry<Long, List<String>> due = schedule.pollFirstEntry();
            for (String root : due.getValue()) {
                graph.onSchedule(this, due.getKey(), root, emitter);
            }
        }
    }

    /** Runs the member refreshes asked for so far (the refresh interval passed in processing time). */
    public void refreshPending(LinkedAccounts graph, LinkedAccounts.Emitter emitter) {
        List<String> due = new ArrayList<>(refreshes);
        refreshes.clear();
        for (String root : due) {
            graph.refreshMembers(this, root, emitter);
        }
    }

    /** Vertices held. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Components held. */
    public int clusterCount() {
        return clusters.size();
    }

    /** Member refreshes asked for and not run yet. */
    public int pendingRefreshCount() {
        return refreshes.size();
    }

    /** Schedule entries pending. */
    public int scheduledCount() {
        return schedule.values().stream().mapToInt(List::size).sum();
    }
}
