package io.woolguard.stream.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.stream.FeatureJobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinkedAccountsTest {
    private static final long SEC = 1_000L;
    private static final long HOUR = 3_600 * SEC;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, HOUR);

    private final InMemoryGraphStore store = new InMemoryGraphStore();
    private final List<String> emittedFor = new ArrayList<>();
    private final Map<String, Map<String, Double>> latest = new HashMap<>();
    private final LinkedAccounts.Emitter emitter = (account, values, time) -> {
        emittedFor.add(account);
        latest.computeIfAbsent(account, a -> new HashMap<>()).putAll(values);
    };

    private LinkedAccounts graph(FeatureJobConfig config) {
        return new LinkedAccounts(config);
    }

    private double value(String account, String feature) {
        return latest.get(account).get(feature);
    }

    @Test
    void edge_mergesAccountsSharingADeviceAndRefreshesEveryMember() {
        LinkedAccounts graph = graph(FeatureJobConfig.defaults());
        graph.process(store, GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, null), emitter);
        assertEquals(1.0, value("u1", FeatureNames.GRAPH_CLUSTER_SIZE));
        graph.process(store, GraphInput.edge("u2", EntityType.DEVICE, "d1", T0 + SEC / 2, null), emitter);
        assertEquals(2.0, value("u2", FeatureNames.GRAPH_CLUSTER_SIZE), "the acting account at once");
        assertEquals(1.0, value("u1", FeatureNames.GRAPH_CLUSTER_SIZE), "the others at the next tick");
        store.runUntil(T0 + SEC, graph, emitter);
        assertEquals(2.0, value("u1", FeatureNames.GRAPH_CLUSTER_SIZE));

        graph.process(store, GraphInput.edge("u3", EntityType.PHONE, "p1", T0 + 2 * SEC, null), emitter);
        graph.process(store, GraphInput.edge("u2", EntityType.PHONE, "p1", T0 + 2 * SEC, null), emitter);
        store.runUntil(T0 + 3 * SEC, graph, emitter);
        for (String u : List.of("u1", "u2", "u3")) {
            assertEquals(3, graph.clusterSize(store, u));
            assertEquals(3.0, value(u, FeatureNames.GRAPH_CLUSTER_SIZE), u);
        }
        assertEquals(0, graph.clusterSize(store, "nobody"));
    }

    @Test
    void claimsNewAccountsAndFlags_areClusterWideAndSlideOut() {
        LinkedAccounts graph = graph(FeatureJobConfig.defaults());
        graph.process(store, GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, T0 - 2 * HOUR), emitter);
        graph.process(store, GraphInput.edge("u2", EntityType.DEVICE, "d1", T0, T0 - 30 * DAY), emitter);
        graph.process(store, GraphInput.claim("u1", T0 + SEC, T0 - 2 * HOUR), emitter);
        graph.process(store, GraphInput.claim("u2", T0 + SEC, T0 - 30 * DAY), emitter);
        graph.process(store, GraphInput.label("u2", true, T0 + SEC), emitter);
        store.runUntil(T0 + 2 * SEC, graph, emitter);
        for (String u : List.of("u1", "u2")) {
            assertEquals(2.0, value(u, FeatureNames.GRAPH_CLUSTER_CLAIMS_24H), u);
            assertEquals(1.0, value(u, FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H), u + ": only u1 registered in 24h");
            assertEquals(1.0, value(u, FeatureNames.GRAPH_CLUSTER_FLAGGED), u);
        }
        graph.process(store, GraphInput.label("u2", false, T0 + 3 * SEC), emitter);
        store.runUntil(T0 + 4 * SEC, graph, emitter);
        assertEquals(0.0, value("u1", FeatureNames.GRAPH_CLUSTER_FLAGGED), "LEGIT lifts the flag");

        store.runUntil(T0 + 25 * HOUR, graph, emitter);
        assertEquals(0.0, value("u1", FeatureNames.GRAPH_CLUSTER_CLAIMS_24H), "claims slid out of the day");
        assertEquals(0.0, value("u2", FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H));
        assertEquals(2.0, value("u2", FeatureNames.GRAPH_CLUSTER_SIZE), "membership outlives the day");
    }

    @Test
    void superNode_stopsMergingAfterTheThreshold() {
        LinkedAccounts graph = graph(FeatureJobConfig.builder().superNodeThreshold(3).build());
        for (int i = 0; i < 10; i++) {
            graph.process(store, GraphInput.edge("u" + i, EntityType.DEVICE, "kiosk", T0 + i, null), emitter);
        }
        assertEquals(3, graph.clusterSize(store, "u0"));
        assertEquals(3, graph.clusterSize(store, "u2"));
        assertEquals(1, graph.clusterSize(store, "u3"), "the kiosk no longer merges");
        assertEquals(7, graph.superNodeSkips());
    }

    @Test
    void fanout_aboveTheBoundOnlyTheActingAccountIsUpdated() {
        LinkedAccounts graph = graph(FeatureJobConfig.builder().maxClusterFanout(2).build());
        graph.process(store, GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, null), emitter);
        graph.process(store, GraphInput.edge("u2", EntityType.DEVICE, "d1", T0, null), emitter);
        store.runUntil(T0 + SEC, graph, emitter);
        assertEquals(2.0, value("u1", FeatureNames.GRAPH_CLUSTER_SIZE), "within the bound: refreshed");
        graph.process(store, GraphInput.edge("u3", EntityType.DEVICE, "d1", T0 + 2 * SEC, null), emitter);
        store.runUntil(T0 + 3 * SEC, graph, emitter);
        assertEquals(3.0, value("u3", FeatureNames.GRAPH_CLUSTER_SIZE));
        assertEquals(2.0, value("u1", FeatureNames.GRAPH_CLUSTER_SIZE), "not refreshed beyond the fan-out bound");
        assertEquals(1, graph.fanoutsSkipped());
    }

    @Test
    void retention_forgetsIdleClustersCompletely() {
        LinkedAccounts graph = graph(FeatureJobConfig.builder().graphRetention(Duration.ofDays(2)).build());
        graph.process(store, GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, null), emitter);
        graph.process(store, GraphInput.edge("u2", EntityType.DEVICE, "d1", T0, null), emitter);
        graph.process(store, GraphInput.edge("u2", EntityType.PAYMENT, "card", T0, null), emitter);
        graph.process(store, GraphInput.claim("u1", T0 + DAY, null), emitter);
        store.runUntil(T0 + 2 * DAY + 2 * HOUR, graph, emitter);
        assertEquals(2, graph.clusterSize(store, "u1"), "active a day later: kept");
        store.runUntil(T0 + 3 * DAY + 2 * HOUR, graph, emitter);
        assertEquals(0, store.nodeCount());
        assertEquals(0, store.clusterCount());
        assertEquals(0, store.scheduledCount());
        assertEquals(1.0, value("u1", FeatureNames.GRAPH_CLUSTER_SIZE), "members told they are alone again");
    }

    @Test
    void memberValues_doNotDependOnHowClaimsAndEdgesInterleave() {
        // In the job, claims reach the graph straight from the source and edges through the entity
        // operator, later: the graph's clock runs ahead of both the edges and the watermark. The
        // farm: 50 accounts on 10 devices (5 a device), 3,000 claims one second apart, 300 a cluster;
        // then the stream goes quiet, and the members must still learn the burst's last claims.
        Map<String, Map<String, Double>> inOrder = playFarm(0, new Random(1));
        for (int i = 0; i < 50; i++) {
            assertEquals(300.0, inOrder.get("u-" + i).get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H), "u-" + i);
            assertEquals(5.0, inOrder.get("u-" + i).get(FeatureNames.GRAPH_CLUSTER_SIZE), "u-" + i);
        }
        for (int edgeDelaySeconds : new int[] {3, 60, 900, 4_000}) {
            for (long seed = 0; seed < 5; seed++) {
                assertEquals(inOrder, playFarm(edgeDelaySeconds, new Random(seed)),
                        "edges up to " + edgeDelaySeconds + " s behind the claims, seed " + seed);
            }
        }
    }

    /**
     * Plays the farm through a fresh graph, edges interleaved at random up to {@code edgeDelaySeconds}
     * of event time behind the claims, event-time timers following the slower of the two (as the
     * watermark does), and returns every account's values as a feature store keeps them: the newest
     * by event time.
     */
    private static Map<String, Map<String, Double>> playFarm(int edgeDelaySeconds, Random random) {
        List<GraphInput> claims = new ArrayList<>();
        List<GraphInput> edges = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String account = "u-" + (i % 50);
            long t = T0 + i * SEC;
            claims.add(GraphInput.claim(account, t, T0 - HOUR));
            if (i == 700) {
                claims.add(GraphInput.label("u-3", true, t));
            }
            if (i < 50) {
                edges.add(GraphInput.edge(account, EntityType.DEVICE, "d-" + (i % 10), t, T0 - HOUR));
                edges.add(GraphInput.edge(account, EntityType.PHONE, "p-" + account, t, T0 - HOUR));
            }
        }
        InMemoryGraphStore store = new InMemoryGraphStore();
        LinkedAccounts graph = new LinkedAccounts(FeatureJobConfig.defaults());
        Map<String, Map<String, Double>> values = new HashMap<>();
        Map<String, Long> times = new HashMap<>();
        LinkedAccounts.Emitter keepNewest = (account, update, time) -> {
            if (times.getOrDefault(account, Long.MIN_VALUE) <= time) {
                times.put(account, time);
                values.computeIfAbsent(account, a -> new HashMap<>()).putAll(update);
            }
        };
        int c = 0;
        int e = 0;
        long claimTime = Long.MIN_VALUE;
        long edgeTime = Long.MIN_VALUE;
        while (c < claims.size() || e < edges.size()) {
            boolean claimNext = e == edges.size() || (c < claims.size()
                    && claims.get(c).eventTimeMillis - edges.get(e).eventTimeMillis < edgeDelaySeconds * SEC
                    && random.nextInt(4) > 0);
            GraphInput in = claimNext ? claims.get(c++) : edges.get(e++);
            if (claimNext) {
                claimTime = in.eventTimeMillis;
            } else {
                edgeTime = in.eventTimeMillis;
            }
            graph.process(store, in, keepNewest);
            long watermark = Math.min(c == claims.size() ? Long.MAX_VALUE : claimTime,
                    e == edges.size() ? Long.MAX_VALUE : edgeTime) - 2 * SEC;
            // the stream goes quiet after the last claim: the watermark stops 2 s behind it
            store.runUntil(Math.min(watermark, T0 + 2_997 * SEC), graph, keepNewest);
        }
        return values;
    }
}
