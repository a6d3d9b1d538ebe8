package io.woolguard.stream.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.FeatureOutput;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphFeatureFunctionTest {
    private static final long SEC = 1_000L;
    private static final long HOUR = 3_600 * SEC;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, HOUR);
    /** The default refresh interval, in the harness's processing time (which starts at 0). */
    private static final long REFRESH = FeatureJobConfig.defaults().graphRefreshInterval().toMillis();

    private KeyedOneInputStreamOperatorTestHarness<Integer, GraphInput, FeatureOutput> harness;

    @BeforeEach
    void open() throws Exception {
        FeatureJobConfig config = FeatureJobConfig.builder().graphRetention(Duration.ofDays(3)).build();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new GraphFeatureFunction(config),
                in -> 0, Types.INT);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(GraphInput in) throws Exception {
        harness.processElement(in, in.eventTimeMillis);
    }

    private Map<String, Map<String, Double>> latestByAccount() {
        Map<String, Map<String, Double>> latest = new HashMap<>();
        for (FeatureOutput o : harness.extractOutputValues()) {
            assertEquals(EntityType.ACCOUNT, o.entityType, "graph features are stored under the account");
            latest.computeIfAbsent(o.entityId, a -> new HashMap<>()).putAll(o.values);
        }
        return latest;
    }

    @Test
    void clusters_updateMembersOnTicksAndLeaveNoStateAfterRetention() throws Exception {
        send(GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, T0 - HOUR));
        send(GraphInput.edge("u2", EntityType.DEVICE, "d1", T0 + SEC, T0 - HOUR));
        send(GraphInput.edge("u3", EntityType.ADDRESS, "addr", T0 + SEC, null));
        send(GraphInput.edge("u2", EntityType.ADDRESS, "addr", T0 + 2 * SEC, null));
        send(GraphInput.claim("u3", T0 + 2 * SEC, null));
        send(GraphInput.label("u1", true, T0 + 2 * SEC));
        assertEquals(0.0, latestByAccount().get("u2").get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H),
                "u3's claim reaches u2 only with the refresh");
        assertEquals(1, harness.numProcessingTimeTimers(), "one refresh timer for every change");
        harness.setProcessingTime(REFRESH);

        Map<String, Map<String, Double>> latest = latestByAccount();
        for (String u : List.of("u1", "u2", "u3")) {
            assertEquals(3.0, latest.get(u).get(FeatureNames.GRAPH_CLUSTER_SIZE), u);
            assertEquals(1.0, latest.get(u).get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H), u);
            assertEquals(1.0, latest.get(u).get(FeatureNames.GRAPH_CLUSTER_FLAGGED), u);
            assertEquals(2.0, latest.get(u).get(FeatureNames.GRAPH_CLUSTER_NEW_ACCOUNTS_24H), u);
        }
        assertTrue(harness.numKeyedStateEntries() > 0);
        assertTrue(harness.numEventTimeTimers() >= 1);

        harness.processWatermark(T0 + 25 * HOUR);
        assertEquals(0.0, latestByAccount().get("u1").get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H));

        harness.processWatermark(T0 + 4 * DAY);
        assertEquals(1.0, latestByAccount().get("u2").get(FeatureNames.GRAPH_CLUSTER_SIZE), "forgotten: alone again");
        assertEquals(0, harness.numKeyedStateEntries(), "no vertex, component, schedule, refresh or clock left");
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void refresh_pendingAtTheEndOfABoundedInput_isNotLost() throws Exception {
        // a bounded job stops after its final watermark without firing processing-time timers
        send(GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, null));
        send(GraphInput.edge("u2", EntityType.DEVICE, "d1", T0 + SEC, null));
        send(GraphInput.claim("u2", T0 + 2 * SEC, null));
        assertEquals(0.0, latestByAccount().get("u1").get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H), "not refreshed yet");
        harness.processWatermark(Long.MAX_VALUE); // the end of a bounded input: every event-time timer fires
        List<Map<String, Double>> u1 = harness.extractOutputValues().stream()
                .filter(o -> o.entityId.equals("u1")).<Map<String, Double>>map(o -> o.values).toList();
        int refreshed = -1;
        int forgotten = -1;
        for (int i = 0; i < u1.size(); i++) {
            if (u1.get(i).get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H) == 1.0
                    && u1.get(i).get(FeatureNames.GRAPH_CLUSTER_SIZE) == 2.0 && refreshed < 0) {
                refreshed = i;
            }
            if (u1.get(i).get(FeatureNames.GRAPH_CLUSTER_SIZE) == 1.0 && i > 0) {
                forgotten = i;
            }
        }
        assertTrue(refreshed > 0, "u1 learnt the cluster's claim: " + u1);
        assertTrue(forgotten > refreshed, "before the retention forgot the cluster: " + u1);
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void refresh_reachesMembersWithoutTheWatermark() throws Exception {
        // the graph's clock runs ahead of its watermark (two inputs of different delay); a refresh
        // must not wait for the watermark to reach the clock: here it never moves at all
        send(GraphInput.edge("u1", EntityType.DEVICE, "d1", T0, null));
        send(GraphInput.edge("u2", EntityType.DEVICE, "d1", T0 + SEC, null));
        send(GraphInput.claim("u2", T0 + 40 * SEC, null));
        send(GraphInput.claim("u2", T0 + 50 * SEC, null));
        assertEquals(1.0, latestByAccount().get("u1").get(FeatureNames.GRAPH_CLUSTER_SIZE), "not refreshed yet");
        harness.setProcessingTime(REFRESH - 1);
        assertEquals(1.0, latestByAccount().get("u1").get(FeatureNames.GRAPH_CLUSTER_SIZE), "not before the interval");
        harness.setProcessingTime(REFRESH);
        Map<String, Double> u1 = latestByAccount().get("u1");
        assertEquals(2.0, u1.get(FeatureNames.GRAPH_CLUSTER_SIZE));
        assertEquals(2.0, u1.get(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H), "both claims, coalesced into one refresh");
        long refreshesOfU1 = harness.extractOutputValues().stream().filter(o -> o.entityId.equals("u1")).count();
        assertEquals(2, refreshesOfU1, "its own edge, then one refresh for the merge and both claims");

        send(GraphInput.label("u1", true, T0 + 51 * SEC));
        harness.setProcessingTime(2 * REFRESH);
        assertEquals(1.0, latestByAccount().get("u2").get(FeatureNames.GRAPH_CLUSTER_FLAGGED), "a FRAUD label reaches u2");
        assertEquals(0, harness.numProcessingTimeTimers(), "no timer left once nothing is pending");
    }
    @Test
    void graphCache_neverChangesWhatIsEmitted() throws Exception {
        List<GraphInput> inputs = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            long t = T0 + i * 30 * SEC;
            String account = "u" + random.nextInt(120);
            int kind = random.nextInt(10);
            if (kind < 6) {
                EntityType type = random.nextBoolean() ? EntityType.DEVICE : EntityType.ADDRESS;
                inputs.add(GraphInput.edge(account, type, type.name() + random.nextInt(60), t, t - DAY));
            } else if (kind < 9) {
                inputs.add(GraphInput.claim(account, t, null));
            } else {
                inputs.add(GraphInput.label(account, random.nextBoolean(), t));
            }
        }
        List<FeatureOutput> cached = run(FeatureJobConfig.builder().graphRetention(Duration.ofDays(3))
                .graphCacheSize(4).build(), inputs);
        List<FeatureOutput> uncached = run(FeatureJobConfig.builder().graphRetention(Duration.ofDays(3))
                .graphCacheSize(0).build(), inputs);
        assertTrue(cached.size() > inputs.size(), "the sequence emits member refreshes too: " + cached.size());
        assertTrue(cached.stream().anyMatch(o -> o.values.get(FeatureNames.GRAPH_CLUSTER_SIZE) > 5.0),
                "components grow beyond a few accounts");
        assertEquals(uncached, cached, "a cache of 4 vertices and components (evicting all the time) against none");
    }

    private static List<FeatureOutput> run(FeatureJobConfig config, List<GraphInput> inputs) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Integer, GraphInput, FeatureOutput> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new GraphFeatureFunction(config),
                             in -> 0, Types.INT)) {
            h.open();
            h.setProcessingTime(0);
            long processingTime = 0;
            for (GraphInput in : inputs) {
                h.processElement(in, in.eventTimeMillis);
                h.processWatermark(in.eventTimeMillis - 2 * SEC);
                processingTime += REFRESH / 3;
                h.setProcessingTime(processingTime);
            }
            h.setProcessingTime(processingTime + REFRESH);
            h.processWatermark(T0 + 100 * DAY);
            assertEquals(0, h.numKeyedStateEntries(), "no state left after the retention");
            assertEquals(0, h.numEventTimeTimers());
            assertEquals(0, h.numProcessingTimeTimers());
            return h.extractOutputValues();
        }
    }
}
