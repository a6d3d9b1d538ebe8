package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static io.woolguard.core.testing.Events.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreIT {
    @TempDir
    Path dir;
    RiskEngine engine;
    final long t = T0.toEpochMilli();

    @BeforeEach
    void open() {
        engine = EngineFixture.builder(dir, new MutableClock(T0))
                .rules(EngineFixture.pack("farm", "device-farm DEVICE_SHARED_BY_MANY_ACCOUNTS 45 device.accounts_24h>=10",
                        "cluster CLUSTER_FLAGGED 40 graph.cluster_flagged>=1"))
                .featureCacheSize(1_000)
                .build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void applyFeatureUpdates_olderUpdateNeverOverwritesNewerValue_perFeature() {
        engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 12.0, FeatureNames.DEVICE_CLAIMS_1H, 3.0), t + 2_000)));
        engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 4.0, FeatureNames.DEVICE_IPS_24H, 2.0), t + 1_000)));

        FeatureVector f = engine.features(EntityType.DEVICE, "d-1");
        assertEquals(12.0, f.get(FeatureNames.DEVICE_ACCOUNTS_24H), "the late, older value is ignored");
        assertEquals(3.0, f.get(FeatureNames.DEVICE_CLAIMS_1H), "features not named are left alone");
        assertEquals(2.0, f.get(FeatureNames.DEVICE_IPS_24H), "a feature new to the entity is taken");

        engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 13.0), t + 2_000)));
        assertEquals(13.0, engine.features(EntityType.DEVICE, "d-1").get(FeatureNames.DEVICE_ACCOUNTS_24H),
                "same event time: a replay or correction is taken");
    }

    @Test
    void applyFeatureUpdates_batchForManyEntities_replacesCachedValuesSeenByDecide() {
        Decision before = engine.decide(claim("c-1", "u-1", "d-1", null, T0));
        assertFalse(before.hasReason("DEVICE_SHARED_BY_MANY_ACCOUNTS"), "nothing stored yet (and now cached)");

        engine.applyFeatureUpdates(List.of(
                new FeatureUpdate(EntityType.DEVICE, "d-1", Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 23.0), t),
                new FeatureUpdate(EntityType.ACCOUNT, "u-2", Map.of(FeatureNames.GRAPH_CLUSTER_FLAGGED, 1.0), t),
                new FeatureUpdate(EntityType.DEVICE, "d-1", Map.of(FeatureNames.DEVICE_CLAIMS_24H, 40.0), t)));

        Explanation after = engine.explain(claim("c-2", "u-2", "d-1", null, T0));
        assertEquals(23.0, after.features().get(FeatureNames.DEVICE_ACCOUNTS_24H));
        assertEquals(40.0, after.features().get(FeatureNames.DEVICE_CLAIMS_24H), "two updates of one entity in a batch merge");
        assertEquals(1.0, after.features().get(FeatureNames.GRAPH_CLUSTER_FLAGGED), "account features join the vector");
        assertTrue(after.decision().hasReason("DEVICE_SHARED_BY_MANY_ACCOUNTS"));
        assertTrue(after.decision().hasReason("CLUSTER_FLAGGED"));
        assertEquals(85, after.decision().score());
    }

    @Test
    void applyFeatureUpdates_mergedInTheCache_areWhatRocksDbHoldsAfterReopen() {
        engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 12.0, FeatureNames.DEVICE_CLAIMS_1H, 3.0), t + 2_000)));
        assertEquals(12.0, engine.features(EntityType.DEVICE, "d-1").get(FeatureNames.DEVICE_ACCOUNTS_24H), "cached now");
        engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 4.0, FeatureNames.DEVICE_IPS_24H, 2.0), t + 1_000)));
        engine.close();

        engine = EngineFixture.builder(dir, new MutableClock(T0)).featureCacheSize(1_000).build();
        FeatureVector reopened = engine.features(EntityType.DEVICE, "d-1");
        assertEquals(12.0, reopened.get(FeatureNames.DEVICE_ACCOUNTS_24H), "the cached merge kept the newer value on disk too");
        assertEquals(3.0, reopened.get(FeatureNames.DEVICE_CLAIMS_1H));
        assertEquals(2.0, reopened.get(FeatureNames.DEVICE_IPS_24H), "the second update's new feature was written");
    }

    @Test
    void applyFeatureUpdatesDeferred_decidedOnAtOnce_andKeptByFlushOrClose() {
        engine.applyFeatureUpdatesDeferred(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 23.0), t)));
        Decision farm = engine.decide(claim("c-1", "u-1", "d-1", null, T0));
        assertTrue(farm.hasReason("DEVICE_SHARED_BY_MANY_ACCOUNTS"), "decisions see a deferred update at once: " + farm);

        engine.flushFeatureUpdates();
        engine.applyFeatureUpdatesDeferred(List.of(new FeatureUpdate(EntityType.DEVICE, "d-2",
                Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 11.0), t)));
        engine.close(); // writes what the last flush left held

        engine = EngineFixture.builder(dir, new MutableClock(T0)).featureCacheSize(1_000).build();
        assertEquals(23.0, engine.features(EntityType.DEVICE, "d-1").get(FeatureNames.DEVICE_ACCOUNTS_24H), "flushed");
        assertEquals(11.0, engine.features(EntityType.DEVICE, "d-2").get(FeatureNames.DEVICE_ACCOUNTS_24H),
                "written by close");
    }

    @Test
    void features_ofPersonalData_byRawValueOrHash() {
        String hash = engine.hasher().hash(PersonalDataKind.PHONE, "+8617012345678");
        engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.PHONE, hash,
                Map.of(FeatureNames.PHONE_ACCOUNTS_30D, 6.0), t)));
        assertEquals(6.0, engine.features(EntityType.PHONE, "+86 170 1234 5678").get(FeatureNames.PHONE_ACCOUNTS_30D));
        assertEquals(6.0, engine.features(EntityType.PHONE, hash).get(FeatureNames.PHONE_ACCOUNTS_30D));
    }
}
