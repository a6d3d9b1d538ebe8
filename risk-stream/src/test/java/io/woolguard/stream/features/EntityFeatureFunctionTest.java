package io.woolguard.stream.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.graph.GraphInput;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntityFeatureFunctionTest {
    private static final long SEC = 1_000L;
    private static final long MIN = 60 * SEC;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, HOUR);

    private KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> harness;
    private long checkpointId;

    @BeforeEach
    void open() throws Exception {
        FeatureJobConfig config = FeatureJobConfig.builder().distinctExactLimit(1_000).build();
        harness = writeBackHarness(config);
        harness.open();
    }

    /** The function as the job runs it: under a {@link WriteBackProcessOperator}, its cache write-back. */
    static KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> writeBackHarness(
            FeatureJobConfig config) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new WriteBackProcessOperator<>(new EntityFeatureFunction(config)),
                EntityObservation::key, Types.STRING);
    }

    /**
     * Keyed state entries once the cache has written what it holds (as before a checkpoint barrier):
     * the state a snapshot would contain.
     */
    private int stateEntries() throws Exception {
        harness.prepareSnapshotPreBarrier(++checkpointId);
        return harness.numKeyedStateEntries();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static EntityObservation device(String device, String account, String ip, long time, int flags) {
        EntityObservation o = new EntityObservation(EntityType.DEVICE, device, time, flags);
        o.accountId = account;
        o.ip = ip;
        return o;
    }

    private void send(EntityObservation o) throws Exception {
        harness.processElement(o, o.eventTimeMillis);
    }

    private List<FeatureOutput> outputs() {
        return harness.extractOutputValues();
    }

    private FeatureOutput last() {
        List<FeatureOutput> all = outputs();
        return all.get(all.size() - 1);
    }

    @Test
    void device_countsDistinctAccountsClaimsAndIps() throws Exception {
        send(device("d1", "u1", "10.0.0.1", T0, EntityObservation.CLAIM));
        FeatureOutput first = last();
        assertEquals(EntityType.DEVICE, first.entityType);
        assertEquals("d1", first.entityId);
        assertEquals(T0, first.eventTimeMillis);
        assertEquals(Map.of(FeatureNames.DEVICE_ACCOUNTS_1H, 1.0, FeatureNames.DEVICE_ACCOUNTS_24H, 1.0,
                FeatureNames.DEVICE_ACCOUNTS_7D, 1.0, FeatureNames.DEVICE_CLAIMS_1H, 1.0,
                FeatureNames.DEVICE_CLAIMS_24H, 1.0, FeatureNames.DEVICE_IPS_24H, 1.0,
                FeatureNames.DEVICE_FIRST_SEEN, (double) T0), first.values);

        send(device("d1", "u2", "10.0.0.2", T0 + MIN, EntityObservation.CLAIM));
        assertEquals(Map.of(FeatureNames.DEVICE_ACCOUNTS_1H, 2.0, FeatureNames.DEVICE_ACCOUNTS_24H, 2.0,
                FeatureNames.DEVICE_ACCOUNTS_7D, 2.0, FeatureNames.DEVICE_CLAIMS_1H, 2.0,
                FeatureNames.DEVICE_CLAIMS_24H, 2.0, FeatureNames.DEVICE_IPS_24H, 2.0), last().values,
                "only the values that changed; first_seen is not repeated");
    }

    @Test
    void device_emitsNothingWhenNothingChanged() throws Exception {
        send(device("d1", "u1", "10.0.0.1", T0, EntityObservation.CLAIM));
        send(device("d1", "u1", "10.0.0.1", T0 + 2 * MIN, 0));
        send(device("d1", "u1", "10.0.0.1", T0 + 3 * MIN, 0));
        assertEquals(1, outputs().size(), "logins by the same account from the same IP change no value");
    }

    @Test
    void device_countsGoBackDownAsWindowsSlideAndStateDisappears() throws Exception {
        send(device("d1", "u1", "10.0.0.1", T0, EntityObservation.CLAIM));
        send(device("d1", "u2", "10.0.0.1", T0 + 30 * MIN, EntityObservation.CLAIM));
        assertTrue(stateEntries() > 0);

        harness.processWatermark(T0 + 61 * MIN);
        FeatureOutput slid = last();
        assertEquals(T0 + 61 * MIN, slid.eventTimeMillis, "valid as of the timer's event time");
        assertEquals(1.0, slid.values.get(FeatureNames.DEVICE_ACCOUNTS_1H));
        assertEquals(1.0, slid.values.get(FeatureNames.DEVICE_CLAIMS_1H));
        assertNull(slid.values.get(FeatureNames.DEVICE_ACCOUNTS_24H), "the day count did not change");

        harness.processWatermark(T0 + 25 * HOUR);
        Map<String, Double> byName = latestValues();
        assertEquals(0.0, byName.get(FeatureNames.DEVICE_ACCOUNTS_1H));
        assertEquals(0.0, byName.get(FeatureNames.DEVICE_CLAIMS_24H));
        assertEquals(0.0, byName.get(FeatureNames.DEVICE_IPS_24H));
        assertEquals(2.0, byName.get(FeatureNames.DEVICE_ACCOUNTS_7D));

        harness.processWatermark(T0 + 8 * DAY);
        assertEquals(0.0, latestValues().get(FeatureNames.DEVICE_ACCOUNTS_7D));
        assertEquals(1, harness.numEventTimeTimers(), "only the first-seen retention timer is left");

        harness.processWatermark(T0 + 91 * DAY);
        assertEquals(0, stateEntries(), "all state gone after the retention");
        assertEquals(0, harness.numEventTimeTimers(), "no timer left");
    }

    private Map<String, Double> latestValues() {
        Map<String, Double> latest = new java.util.HashMap<>();
        for (FeatureOutput o : outputs()) {
            latest.putAll(o.values);
        }
        return latest;
    }

    @Test
    void device_keepsFewMembersInItsValueAndMovesManyToTheMemberMapAndBack() throws Exception {
        send(device("d1", "u0", "10.0.0.1", T0, 0));
        assertEquals(1, stateEntries(), "few members: one value, no member map");
        int accounts = EntityFeatureFunction.INLINE_MEMBERS + 8;
        for (int i = 1; i < accounts; i++) {
            send(device("d1", "u" + i, "10.0.0.1", T0 + i * SEC, 0));
        }
        assertEquals(accounts, latestValues().get(FeatureNames.DEVICE_ACCOUNTS_24H));
        assertEquals(1.0, latestValues().get(FeatureNames.DEVICE_IPS_24H));
        assertEquals(2, stateEntries(), "many members: the value and the member map");
        int before = outputs().size();
        send(device("d1", "u3", "10.0.0.1", T0 + accounts * SEC, 0));
        assertEquals(before, outputs().size(), "a known account and IP again, in the same buckets: no change");
        send(device("d1", "u" + accounts, "10.0.0.1", T0 + (accounts + 1) * SEC, 0));
        assertEquals(accounts + 1.0, last().values.get(FeatureNames.DEVICE_ACCOUNTS_1H), "members read back from the map");

        harness.processWatermark(T0 + 8 * DAY);
        assertEquals(0.0, latestValues().get(FeatureNames.DEVICE_ACCOUNTS_7D));
        assertEquals(1, stateEntries(), "windows empty: member map gone, the value remembers first-seen");
        send(device("d1", "u0", "10.0.0.1", T0 + 9 * DAY, 0));
        assertEquals(1.0, last().values.get(FeatureNames.DEVICE_ACCOUNTS_1H), "a fresh count after the windows emptied");
        assertEquals(1, stateEntries(), "members back inline");

        harness.processWatermark(T0 + 200 * DAY);
        assertEquals(0, stateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void entityCache_neverChangesWhatIsEmitted() throws Exception {
        List<EntityObservation> inputs = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            EntityObservation o = device("d" + random.nextInt(40), "u" + random.nextInt(60), "10.0.0." + random.nextInt(5),
                    T0 + i * 20 * SEC, random.nextBoolean() ? EntityObservation.CLAIM : 0);
            inputs.add(o);
        }
        List<FeatureOutput> uncached = run(FeatureJobConfig.builder().entityCacheSize(0).build(), inputs, true);
        assertTrue(uncached.size() > inputs.size() / 2, "the sequence emits: " + uncached.size());
        assertEquals(uncached, run(FeatureJobConfig.builder().entityCacheSize(8).build(), inputs, true),
                "write-back, a cache of 8 keys (evicting all the time) against none");
        assertEquals(uncached, run(FeatureJobConfig.builder().entityCacheSize(8).build(), inputs, false),
                "write-through (plain KeyedProcessOperator), a cache of 8 keys against none");
        assertEquals(uncached, run(FeatureJobConfig.builder().entityCacheSize(1_000).build(), inputs, true),
                "write-back, every key cached, against none");
    }

    private static List<EntityObservation> randomDevices(int count, long seed) {
        List<EntityObservation> inputs = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < count; i++) {
            inputs.add(device("d" + random.nextInt(40), "u" + random.nextInt(60), "10.0.0." + random.nextInt(5),
                    T0 + i * 20 * SEC, random.nextBoolean() ? EntityObservation.CLAIM : 0));
        }
        return inputs;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> harness(
            FeatureJobConfig config, boolean writeBack) throws Exception {
        return writeBack ? writeBackHarness(config)
                : ProcessFunctionTestHarnesses.forKeyedProcessFunction(new EntityFeatureFunction(config),
                        EntityObservation::key, Types.STRING);
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> h,
                             List<EntityObservation> inputs) throws Exception {
        for (EntityObservation o : inputs) {
            h.processElement(o, o.eventTimeMillis);
            h.processWatermark(o.eventTimeMillis - 2 * SEC);
        }
    }

    private static List<FeatureOutput> run(FeatureJobConfig config, List<EntityObservation> inputs, boolean writeBack)
            throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> h = harness(config, writeBack)) {
            h.open();
            feed(h, inputs);
            h.processWatermark(T0 + 100 * DAY);
            h.prepareSnapshotPreBarrier(1);
            assertEquals(0, h.numKeyedStateEntries(), "state gone after the retention");
            assertEquals(0, h.numEventTimeTimers(), "timers gone after the retention");
            return h.extractOutputValues();
        }
    }

    /**
     * A checkpoint taken while cached values are newer than keyed state, restored into a fresh
     * operator (empty cache): the rest of the input gives what a run without any cache gives, and
     * the state still ends empty. With a cache that holds every key nothing reaches keyed state
     * before the barrier, so the snapshot has it only because the barrier wrote it.
     */
    @Test
    void writeBack_snapshotWithDirtyEntriesRestoresToTheSameFeatures() throws Exception {
        List<EntityObservation> inputs = randomDevices(2_000, 11);
        List<FeatureOutput> expected = run(FeatureJobConfig.builder().entityCacheSize(0).build(), inputs, true);
        for (int cacheSize : new int[] {1, 8, 1_000}) {
            FeatureJobConfig config = FeatureJobConfig.builder().entityCacheSize(cacheSize).build();
            List<FeatureOutput> outputs = new java.util.ArrayList<>();
            org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
            try (KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> h = writeBackHarness(config)) {
                h.open();
                feed(h, inputs.subList(0, 1_000));
                int before = h.numKeyedStateEntries();
                h.prepareSnapshotPreBarrier(1);
                if (cacheSize == 1_000) {
                    // before the barrier keyed state held only the member maps of devices with many accounts
                    assertEquals(before + 40, h.numKeyedStateEntries(), "the barrier wrote all 40 devices' values");
                }
                snapshot = h.snapshot(1, 1);
                outputs.addAll(h.extractOutputValues());
                // what comes after the checkpoint is lost with the failed instance
                feed(h, inputs.subList(1_000, 1_100));
            }
            try (KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> h = writeBackHarness(config)) {
                h.initializeState(snapshot);
                h.open();
                feed(h, inputs.subList(1_000, inputs.size()));
                h.processWatermark(T0 + 100 * DAY);
                h.prepareSnapshotPreBarrier(2);
                assertEquals(0, h.numKeyedStateEntries(), "state gone after the retention, cache " + cacheSize);
                assertEquals(0, h.numEventTimeTimers(), "timers gone after the retention, cache " + cacheSize);
                outputs.addAll(h.extractOutputValues());
            }
            assertEquals(expected, outputs, "restored at the checkpoint, cache of " + cacheSize);
        }
    }

    @Test
    void writeBack_evictionWritesTheEvictedKeyOnly() throws Exception {
        FeatureJobConfig config = FeatureJobConfig.builder().entityCacheSize(1).build();
        try (KeyedOneInputStreamOperatorTestHarness<String, EntityObservation, FeatureOutput> h = writeBackHarness(config)) {
            h.open();
            h.processElement(device("d1", "u1", "10.0.0.1", T0, 0), T0);
            assertEquals(0, h.numKeyedStateEntries(), "d1 only in the cache");
            h.processElement(device("d2", "u1", "10.0.0.1", T0 + SEC, 0), T0 + SEC);
            assertEquals(1, h.numKeyedStateEntries(), "d1 evicted and written, d2 only in the cache");
            h.processElement(device("d1", "u2", "10.0.0.1", T0 + 2 * SEC, 0), T0 + 2 * SEC);
            assertEquals(2.0, h.extractOutputValues().get(2).values.get(FeatureNames.DEVICE_ACCOUNTS_1H),
                    "d1 read back from keyed state after its eviction");
            assertEquals(2, h.numKeyedStateEntries(), "d2 evicted and written");
            h.processElement(device("d3", "u1", "10.0.0.1", T0 + 3 * SEC, 0), T0 + 3 * SEC);
            h.prepareSnapshotPreBarrier(1);
            assertEquals(3, h.numKeyedStateEntries(), "the barrier wrote d3");
        }
    }

    @Test
    void phone_stateIsGoneAfterThirtyDays() throws Exception {
        for (int i = 0; i < 5; i++) {
            EntityObservation o = new EntityObservation(EntityType.PHONE, "hash-1", T0 + i * HOUR, 0);
            o.accountId = "u" + i;
            send(o);
        }
        assertEquals(5.0, last().values.get(FeatureNames.PHONE_ACCOUNTS_30D));
        harness.processWatermark(T0 + 31 * DAY + 5 * HOUR);
        assertEquals(0.0, last().values.get(FeatureNames.PHONE_ACCOUNTS_30D));
        assertEquals(0, stateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void graphIdentifier_sendsAnEdgeOnlyForAccountsNewToIt() throws Exception {
        send(device("d1", "u1", null, T0, 0));
        send(device("d1", "u2", null, T0 + MIN, 0));
        send(device("d1", "u1", null, T0 + 2 * MIN, 0));
        EntityObservation ip = new EntityObservation(EntityType.IP, "10.0.0.1", T0, 0);
        ip.accountId = "u1";
        send(ip);
        List<String> linked = harness.getSideOutput(EntityFeatureFunction.GRAPH_EDGES).stream()
                .map(StreamRecord::getValue).map(g -> g.identifierType + ":" + g.identifierId + "~" + g.accountId)
                .collect(Collectors.toList());
        assertEquals(List.of("DEVICE:d1~u1", "DEVICE:d1~u2"), linked, "IP is not a graph edge by default");
        GraphInput edge = harness.getSideOutput(EntityFeatureFunction.GRAPH_EDGES).peek().getValue();
        assertEquals(GraphInput.Kind.EDGE, edge.kind);
        assertEquals(T0, edge.eventTimeMillis);
    }

    @Test
    void account_tracksOrdersLowPriceOrdersAndRegistrationToFirstClaim() throws Exception {
        EntityObservation claim = new EntityObservation(EntityType.ACCOUNT, "u1", T0, EntityObservation.CLAIM);
        claim.accountCreatedAtMillis = T0 - 2 * HOUR;
        claim.deviceId = "d1";
        send(claim);
        assertEquals(120.0, last().values.get(FeatureNames.ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES));
        assertEquals(1.0, last().values.get(FeatureNames.ACCOUNT_DEVICES_7D));
        send(new EntityObservation(EntityType.ACCOUNT, "u1", T0 + MIN,
                EntityObservation.ORDER | EntityObservation.LOW_PRICE_ORDER));
        send(new EntityObservation(EntityType.ACCOUNT, "u1", T0 + 2 * MIN, EntityObservation.ORDER));
        Map<String, Double> values = latestValues();
        assertEquals(2.0, values.get(FeatureNames.ACCOUNT_ORDERS_24H));
        assertEquals(1.0, values.get(FeatureNames.ACCOUNT_LOW_PRICE_ORDERS_24H));
        assertEquals(1.0, values.get(FeatureNames.ACCOUNT_CLAIMS_24H));
        EntityObservation secondClaim = new EntityObservation(EntityType.ACCOUNT, "u1", T0 + 3 * MIN, EntityObservation.CLAIM);
        secondClaim.accountCreatedAtMillis = T0 - 2 * HOUR;
        send(secondClaim);
        assertFalse(last().values.containsKey(FeatureNames.ACCOUNT_REGISTRATION_TO_FIRST_CLAIM_MINUTES),
                "set by the first claim only");
    }

    @Test
    void campaign_emitsClaimsPerMinuteAndBaselineOnTicksOnly() throws Exception {
        for (int i = 1; i <= 3; i++) {
            send(new EntityObservation(EntityType.CAMPAIGN, "double11", T0 + i * SEC, EntityObservation.CLAIM));
        }
        assertEquals(0, outputs().size(), "a hot key: nothing per claim");
        harness.processWatermark(T0 + 5 * SEC);
        assertEquals(Map.of(FeatureNames.CAMPAIGN_CLAIMS_1M, 3.0, FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M, 0.0),
                last().values);
        assertEquals(T0 + 5 * SEC, last().eventTimeMillis);
        harness.processWatermark(T0 + 65 * SEC);
        assertEquals(Map.of(FeatureNames.CAMPAIGN_CLAIMS_1M, 0.0, FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M, 0.1),
                last().values, "3 claims in the previous minute over a 30-minute baseline");
        harness.processWatermark(T0 + 32 * MIN);
        assertEquals(0.0, last().values.get(FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M));
        assertEquals(0, stateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void ip_switchesToApproximateAboveTheExactLimitAndStaysBounded() throws Exception {
        int accounts = 3_000;
        for (int i = 0; i < accounts; i++) {
            EntityObservation o = new EntityObservation(EntityType.IP, "203.0.113.7", T0 + i * 100L, 0);
            o.accountId = "acct-" + i;
            send(o);
        }
        double estimate = latestValues().get(FeatureNames.IP_ACCOUNTS_24H);
        assertEquals(accounts, estimate, accounts * 0.05, "HLL estimate within 5% (lgK 10: ~3.3% standard error)");
        assertTrue(stateEntries() <= 2, "members dropped once approximate: one value, no member map");
        harness.processWatermark(T0 + 29 * HOUR);
        assertEquals(0.0, latestValues().get(FeatureNames.IP_ACCOUNTS_24H));
        assertEquals(0, stateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    /** Two Kafka partitions interleave one device's claims out of event-time order: every account still counts. */
    @Test
    void device_countsEveryDistinctAccount_whateverTheArrivalOrder() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            String device = "d-" + round;
            java.util.List<EntityObservation> claims = new java.util.ArrayList<>();
            for (int i = 2; i < 200; i += 10) {
                claims.add(device(device, "u-" + (i % 50), "203.0.113." + (i % 20), T0 + i * SEC, EntityObservation.CLAIM));
            }
            java.util.Collections.shuffle(claims, random);
            for (EntityObservation o : claims) {
                send(o);
            }
            Map<String, Double> latest = new java.util.HashMap<>();
            long latestTime = Long.MIN_VALUE;
            for (FeatureOutput out : outputs()) {
                if (out.entityId.equals(device)) {
                    latest.putAll(out.values);
                    latestTime = Math.max(latestTime, out.eventTimeMillis);
                }
            }
            assertEquals(5.0, latest.get(FeatureNames.DEVICE_ACCOUNTS_24H), "round " + round + ": " + latest);
            assertEquals(20.0, latest.get(FeatureNames.DEVICE_CLAIMS_24H), "round " + round);
            assertEquals(2.0, latest.get(FeatureNames.DEVICE_IPS_24H), "round " + round);
        }
    }
}
