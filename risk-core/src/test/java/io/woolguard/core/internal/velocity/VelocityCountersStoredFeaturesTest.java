package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.internal.store.FeatureStore.EntityKey;
import io.woolguard.core.internal.store.StoredFeatures;
import io.woolguard.core.testing.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy of each tracked entity's stored features that lets a decision look an entity up once. */
class VelocityCountersStoredFeaturesTest {
    private static final Instant T = Instant.parse("2026-11-11T12:00:00Z");
    private static final EntityKey DEVICE = new EntityKey(EntityType.DEVICE, "d-1");

    private static StoredFeatures claims24h(double value) {
        return StoredFeatures.empty().merge(Map.of(FeatureNames.DEVICE_CLAIMS_24H, value), T.toEpochMilli());
    }

    /** A feature store stand-in: what it holds per key, and every key it was asked for. */
    private static final class Store implements VelocityCounters.StoredSource {
        final Map<EntityKey, StoredFeatures> held = new HashMap<>();
        final List<EntityKey> reads = new ArrayList<>();

        @Override
        public StoredFeatures read(EntityKey key) {
            reads.add(key);
            return held.getOrDefault(key, StoredFeatures.empty());
        }
    }

    private static Map<String, Double> decide(VelocityCounters counters, RiskEvent event, VelocityCounters.StoredSource source) {
        Map<String, Double> features = new HashMap<>();
        assertNull(counters.recordAndRead(event, event.entities(), features, source));
        return features;
    }

    @Test
    void storedFeatures_areReadFromTheStoreOncePerEntity_thenFromTheCopy() {
        VelocityCounters counters = new VelocityCounters(1_000);
        Store store = new Store();
        store.held.put(DEVICE, claims24h(7));

        Map<String, Double> first = decide(counters, Events.claim("e1", "u-1", "d-1", "10.0.0.1", T), store);
        int readsAfterFirst = store.reads.size();
        Map<String, Double> second = decide(counters, Events.claim("e2", "u-2", "d-1", "10.0.0.1", T.plusSeconds(1)), store);

        assertEquals(7.0, first.get(FeatureNames.DEVICE_CLAIMS_24H));
        assertEquals(7.0, second.get(FeatureNames.DEVICE_CLAIMS_24H));
        assertEquals(1.0, first.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "live counts sit beside the stored ones");
        assertEquals(2.0, second.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
        assertEquals(Events.claim("e1", "u-1", "d-1", "10.0.0.1", T).entities().size(), readsAfterFirst,
                "one store read per entity of the first event: " + store.reads);
        List<EntityKey> secondReads = store.reads.subList(readsAfterFirst, store.reads.size());
        assertFalse(secondReads.contains(DEVICE), "the device came from its copy: " + secondReads);
        assertEquals(1, secondReads.size(), "only u-2, the new account, was read: " + secondReads);
    }

    @Test
    void aChangeFromTheStore_replacesTheCopy() {
        VelocityCounters counters = new VelocityCounters(1_000);
        Store store = new Store();
        store.held.put(DEVICE, claims24h(7));
        decide(counters, Events.claim("e1", "u-1", "d-1", null, T), store);

        StoredFeatures changed = claims24h(9);
        store.held.put(DEVICE, changed);
        counters.storedFeaturesChanged(DEVICE, changed);
        int reads = store.reads.size();

        assertEquals(9.0, decide(counters, Events.claim("e2", "u-1", "d-1", null, T.plusSeconds(1)), store)
                .get(FeatureNames.DEVICE_CLAIMS_24H));
        assertEquals(reads, store.reads.size(), "nothing read from the store: " + store.reads);
    }

    @Test
    void aChangeArrivingWhileTheFirstReadIsUnderWay_winsOverWhatThatReadReturned() {
        VelocityCounters counters = new VelocityCounters(1_000);
        StoredFeatures older = claims24h(7);
        StoredFeatures newer = claims24h(9);
        VelocityCounters.StoredSource racingStore = key -> {
            if (key.equals(DEVICE)) {
                counters.storedFeaturesChanged(DEVICE, newer); // the stream's write lands mid-read
                return older;
            }
            return StoredFeatures.empty();
        };

        Map<String, Double> during = decide(counters, Events.claim("e1", "u-1", "d-1", null, T), racingStore);
        Map<String, Double> after = decide(counters, Events.claim("e2", "u-1", "d-1", null, T.plusSeconds(1)),
                key -> { throw new AssertionError("the copy must be used, not the store, for " + key); });

        assertEquals(7.0, during.get(FeatureNames.DEVICE_CLAIMS_24H), "the read under way decides with what it read");
        assertEquals(9.0, after.get(FeatureNames.DEVICE_CLAIMS_24H), "the older read did not overwrite the change");
    }

    @Test
    void aChangeForAnUntrackedEntity_isIgnored_andItsFirstDecisionReadsTheStore() {
        VelocityCounters counters = new VelocityCounters(1_000);
        Store store = new Store();
        counters.storedFeaturesChanged(DEVICE, claims24h(3)); // not tracked yet: nothing to update
        store.held.put(DEVICE, claims24h(4));

        assertEquals(4.0, decide(counters, Events.claim("e1", "u-1", "d-1", null, T), store).get(FeatureNames.DEVICE_CLAIMS_24H));
        assertEquals(1, store.reads.stream().filter(DEVICE::equals).count(), store.reads.toString());
    }

    @Test
    void aFailingStore_leavesTheLiveCountsAlone_andTheEventIsStillCounted() {
        VelocityCounters counters = new VelocityCounters(1_000);
        RiskEvent event = Events.claim("e1", "u-1", "d-1", "10.0.0.1", T);
        IllegalStateException broken = new IllegalStateException("RocksDB is unreadable");
        Map<String, Double> features = new HashMap<>();

        RuntimeException failure = counters.recordAndRead(event, event.entities(), features, key -> {
            if (key.type() == EntityType.ACCOUNT) {
                return claims24h(1);
            }
            throw broken;
        });

        assertSame(broken, failure);
        assertFalse(features.containsKey(FeatureNames.DEVICE_CLAIMS_24H), features.toString());
        assertEquals(1.0, features.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), features.toString());
        assertEquals(1.0, features.get(FeatureNames.ACCOUNT_LIVE_CLAIMS_1M), features.toString());
        Map<String, Double> next = decide(counters, Events.claim("e2", "u-1", "d-1", "10.0.0.1", T.plusSeconds(1)),
                key -> StoredFeatures.empty());
        assertEquals(2.0, next.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "the failed decision's claim was counted");
    }
}
