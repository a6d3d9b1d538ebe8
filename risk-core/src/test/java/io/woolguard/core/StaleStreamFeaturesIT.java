package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.Events;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream count is only as fresh as the stream's event time: on a quiet stream its window never
 * closes. The engine reads a count whose newest event lies a whole window back as 0.
 */
class StaleStreamFeaturesIT {
    @TempDir
    Path dir;

    @Test
    void decide_readsCountsAWholeWindowOldAsZero_andKeepsTheRest() {
        MutableClock clock = new MutableClock(T0);
        try (RiskEngine engine = EngineFixture.builder(dir, clock)
                .rules(EngineFixture.pack("network",
                        "ip-burst IP_CLAIM_BURST 50 ip.claims_1m>=30",
                        "device-farm DEVICE_SHARED_BY_MANY_ACCOUNTS 60 device.accounts_24h>=10"))
                .build()) {
            // last evening's burst, as the stream left it: nothing has moved its event time since
            engine.applyFeatureUpdates(List.of(
                    new FeatureUpdate(EntityType.IP, "198.51.100.7", Map.of(FeatureNames.IP_CLAIMS_1M, 45.0,
                            FeatureNames.IP_ACCOUNTS_24H, 12.0), T0.toEpochMilli()),
                    new FeatureUpdate(EntityType.DEVICE, "d-evening", Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 14.0,
                            FeatureNames.DEVICE_FIRST_SEEN, (double) T0.minus(Duration.ofDays(3)).toEpochMilli()),
                            T0.toEpochMilli())));

            Explanation soon = engine.explain(Events.claim("c-1", "early-bird", "d-evening", "198.51.100.7", T0.plusSeconds(30)));
            assertEquals(45.0, soon.features().get(FeatureNames.IP_CLAIMS_1M), "30 s later the minute still holds the burst");
            assertTrue(soon.decision().hasReason("IP_CLAIM_BURST"), soon.decision().toString());

            clock.set(T0.plus(Duration.ofHours(10)));
            Explanation morning = engine.explain(Events.claim("c-2", "customer", "d-evening", "198.51.100.7",
                    T0.plus(Duration.ofHours(10))));
            assertEquals(1.0, morning.features().get(FeatureNames.IP_CLAIMS_1M),
                    "the minute of the burst is long gone: only this claim (the live floor) counts");
            assertFalse(morning.decision().hasReason("IP_CLAIM_BURST"), morning.decision().toString());
            assertEquals(12.0, morning.features().get(FeatureNames.IP_ACCOUNTS_24H), "still within its 24 h");
            assertEquals(14.0, morning.features().get(FeatureNames.DEVICE_ACCOUNTS_24H), "still within its 24 h");
            assertTrue(morning.decision().hasReason("DEVICE_SHARED_BY_MANY_ACCOUNTS"), morning.decision().toString());

            clock.set(T0.plus(Duration.ofHours(25)));
            FeatureVector nextDay = engine.features(EntityType.DEVICE, "d-evening");
            assertEquals(0.0, nextDay.get(FeatureNames.DEVICE_ACCOUNTS_24H), "a day and an hour later");
            assertEquals((double) T0.minus(Duration.ofDays(3)).toEpochMilli(), nextDay.get(FeatureNames.DEVICE_FIRST_SEEN),
                    "first sightings do not slide out");
        }
    }

    @Test
    void streamWindowMillis_coversEveryWindowedStreamCount() {
        assertEquals(60_000L, FeatureNames.streamWindowMillis(FeatureNames.IP_CLAIMS_1M));
        assertEquals(3_600_000L, FeatureNames.streamWindowMillis(FeatureNames.SUBNET_CLAIMS_1H));
        assertEquals(86_400_000L, FeatureNames.streamWindowMillis(FeatureNames.GRAPH_CLUSTER_CLAIMS_24H));
        assertEquals(7 * 86_400_000L, FeatureNames.streamWindowMillis(FeatureNames.ACCOUNT_DEVICES_7D));
        assertEquals(30 * 86_400_000L, FeatureNames.streamWindowMillis(FeatureNames.PAYMENT_ACCOUNTS_30D));
        assertEquals(0L, FeatureNames.streamWindowMillis(FeatureNames.GRAPH_CLUSTER_SIZE));
        assertEquals(0L, FeatureNames.streamWindowMillis(FeatureNames.CAMPAIGN_CLAIMS_BASELINE_1M));
        assertEquals(0L, FeatureNames.streamWindowMillis(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
    }
}
