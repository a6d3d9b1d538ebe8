package io.woolguard.stream.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.stream.FeatureJobConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100k generated events over ~10k account rings plus shared kiosks (super-nodes): every account's
 * cluster size, both as the graph reports it and as last emitted, equals an independent offline
 * union-find over the same edges with the same super-node rule.
 */
class GraphCorrectnessTest {
    private static final long T0 = 1_700_000_000_000L;
    static final int EVENTS = 100_000;
    static final int RINGS = 10_000;
    static final int KIOSKS = 20;
    static final int SUPER_NODE = 50;
    static final int FANOUT = 1_000;

    /** One event's graph view: account, and the identifiers it used. */
    record Generated(String account, long time, List<String[]> identifiers, boolean claim) {
    }

    static List<Generated> generate(long seed) {
        Random random = new Random(seed);
        int[] ringSize = new int[RINGS];
        for (int r = 0; r < RINGS; r++) {
            ringSize[r] = random.nextDouble() < 0.6 ? 1 : 2 + random.nextInt(7);
        }
        List<Generated> events = new ArrayList<>(EVENTS);
        for (int e = 0; e < EVENTS; e++) {
            int ring = random.nextInt(RINGS);
            String account = "r" + ring + "-u" + random.nextInt(ringSize[ring]);
            List<String[]> ids = new ArrayList<>(3);
            if (random.nextDouble() < 0.03) {
                ids.add(new String[] {"DEVICE", "kiosk-" + random.nextInt(KIOSKS)});
            } else {
                ids.add(new String[] {"DEVICE", "r" + ring + "-d" + random.nextInt(2)});
            }
            if (random.nextDouble() < 0.3) {
                ids.add(new String[] {"PHONE", "r" + ring + "-phone"});
            }
            if (random.nextDouble() < 0.1) {
                ids.add(new String[] {"PAYMENT", "r" + ring + "-card" + random.nextInt(2)});
            }
            events.add(new Generated(account, T0 + e * 10L, ids, random.nextBoolean()));
        }
        return events;
    }

    /** The (account, identifier) pairs in first-seen order, as the entity operator would send them. */
    static List<String[]> edges(List<Generated> events) {
        Set<String> seen = new HashSet<>();
        List<String[]> edges = new ArrayList<>();
        for (Generated g : events) {
            for (String[] id : g.identifiers()) {
                if (seen.add(id[0] + ":" + id[1] + "~" + g.account())) {
                    edges.add(new String[] {g.account(), id[0], id[1], Long.toString(g.time())});
                }
            }
        }
        return edges;
    }

    /** Plain array union-find, written independently of {@link LinkedAccounts}. */
    static Map<String, Integer> offlineClusterSizes(List<String[]> edges, int superNode) {
        Map<String, Integer> index = new HashMap<>();
        List<Boolean> isAccount = new ArrayList<>();
        int[] parent = new int[edges.size() * 2 + 1];
        for (String[] e : edges) {
            for (String key : new String[] {"a" + e[0], e[1] + ":" + e[2]}) {
                index.computeIfAbsent(key, k -> {
                    int n = isAccount.size();
                    parent[n] = n;
                    isAccount.add(k.startsWith("a"));
                    return n;
                });
            }
        }
        int[] degree = new int[isAccount.size()];
        for (String[] e : edges) {
            int a = index.get("a" + e[0]);
            int i = index.get(e[1] + ":" + e[2]);
            if (degree[i] == 0) {
                degree[i] = 1;
                parent[root(parent, i)] = root(parent, a);
            } else if (root(parent, a) != root(parent, i) && degree[i] < superNode) {
                degree[i]++;
                parent[root(parent, a)] = root(parent, i);
            }
        }
        Map<Integer, Integer> accountsPerRoot = new HashMap<>();
        for (int n = 0; n < isAccount.size(); n++) {
            if (isAccount.get(n)) {
                accountsPerRoot.merge(root(parent, n), 1, Integer::sum);
            }
        }
        Map<String, Integer> sizes = new HashMap<>();
        index.forEach((key, n) -> {
            if (isAccount.get(n)) {
                sizes.put(key.substring(1), accountsPerRoot.get(root(parent, n)));
            }
        });
        return sizes;
    }

    private static int root(int[] parent, int n) {
        while (parent[n] != n) {
            parent[n] = parent[parent[n]]; // path halving
            n = parent[n];
        }
        return n;
    }

    @Test
    void clusterSizes_matchAnOfflineUnionFind() {
        List<Generated> events = generate(42);
        List<String[]> edges = edges(events);
        Map<String, Integer> expected = offlineClusterSizes(edges, SUPER_NODE);

        LinkedAccounts graph = new LinkedAccounts(FeatureJobConfig.builder().superNodeThreshold(SUPER_NODE).maxClusterFanout(FANOUT)
                .graphRefreshInterval(java.time.Duration.ofSeconds(10)).build());
        InMemoryGraphStore store = new InMemoryGraphStore();
        Map<String, Double> lastSize = new HashMap<>();
        LinkedAccounts.Emitter emitter = (account, values, time) ->
                lastSize.put(account, values.get(FeatureNames.GRAPH_CLUSTER_SIZE));
        int e = 0;
        Set<String> seen = new HashSet<>();
        for (Generated g : events) {
            store.runUntil(g.time() - 2_000, graph, emitter);
            for (String[] id : g.identifiers()) {
                if (seen.add(id[0] + ":" + id[1] + "~" + g.account())) {
                    graph.process(store, GraphInput.edge(g.account(), EntityType.valueOf(id[0]), id[1], g.time(), null),
                            emitter);
                    e++;
                }
            }
            if (g.claim()) {
                graph.process(store, GraphInput.claim(g.account(), g.time(), null), emitter);
            }
        }
        store.runUntil(T0 + EVENTS * 10L + 5_000, graph, emitter);
        assertEquals(edges.size(), e);

        Set<Integer> distinctSizes = new HashSet<>();
        int mismatches = 0;
        int staleWithinBound = 0;
        int beyondBound = 0;
        for (Map.Entry<String, Integer> entry : expected.entrySet()) {
            int size = graph.clusterSize(store, entry.getKey());
            distinctSizes.add(size);
            if (size != entry.getValue()) {
                mismatches++;
            }
            if (size > FANOUT) {
                beyondBound++;
            } else if (lastSize.get(entry.getKey()) != size) {
                staleWithinBound++;
            }
        }
        assertEquals(0, staleWithinBound, "accounts in clusters within the fan-out bound whose last emitted size is stale");
        assertTrue(beyondBound < expected.size() / 10, "few accounts beyond the fan-out bound: " + beyondBound);
        assertEquals(0, mismatches, "accounts whose cluster size differs from the offline union-find");
        long clusters = expected.entrySet().stream().map(en -> graph.find(store, "a" + en.getKey())).distinct().count();
        assertTrue(clusters > 5_000 && clusters < 15_000, "about 10k clusters, got " + clusters);
        assertTrue(graph.superNodeSkips() > 0, "the kiosks became super-nodes");
        assertTrue(distinctSizes.stream().mapToInt(Integer::intValue).max().orElse(0) > SUPER_NODE,
                "kiosks joined rings into large clusters");
    }
}
