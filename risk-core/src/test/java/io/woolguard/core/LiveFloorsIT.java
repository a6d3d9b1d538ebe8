package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.Events;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the feature stream (a library embedding), stream features still reflect what the engine counted. */
class LiveFloorsIT {
    @TempDir
    Path dir;

    @Test
    void decide_streamFeaturesAreAtLeastTheLiveCounts_withoutAStream() {
        MutableClock clock = new MutableClock(T0);
        try (RiskEngine engine = EngineFixture.builder(dir, clock)
                .rules(EngineFixture.pack("farm",
                        "device-farm DEVICE_SHARED_BY_MANY_ACCOUNTS 60 device.accounts_24h>=10",
                        "phone-reuse PHONE_SHARED_BY_ACCOUNTS 40 phone.accounts_30d>=3"))
                .build()) {
            Explanation last = null;
            for (int i = 1; i <= 12; i++) {
                last = engine.explain(Events.claim("farm-" + i, "acct-" + i, "d-farm", "198.51.100." + i, T0.plusSeconds(i)));
            }
            assertEquals(12.0, last.features().get(FeatureNames.DEVICE_ACCOUNTS_24H));
            assertEquals(12.0, last.features().get(FeatureNames.DEVICE_CLAIMS_1H));
            assertEquals(1.0, last.features().get(FeatureNames.IP_ACCOUNTS_1H), "each account came from its own IP");
            assertEquals(12.0, last.features().get(FeatureNames.SUBNET_ACCOUNTS_1H));
            assertTrue(last.decision().hasReason("DEVICE_SHARED_BY_MANY_ACCOUNTS"), last.decision().toString());

            Explanation shared = null;
            for (int i = 1; i <= 3; i++) {
                shared = engine.explain(Events.claimWithPhone("phone-" + i, "p-acct-" + i, "+86 170 0000 1111", T0.plusSeconds(100 + i)));
            }
            assertEquals(3.0, shared.features().get(FeatureNames.PHONE_ACCOUNTS_30D));
            assertEquals(List.of("PHONE_SHARED_BY_ACCOUNTS"), shared.decision().reasons().stream().map(Reason::code).toList());
        }
    }

    @Test
    void decide_keepsAHigherStreamValue() {
        MutableClock clock = new MutableClock(T0);
        try (RiskEngine engine = EngineFixture.builder(dir, clock)
                .rules(EngineFixture.pack("farm", "device-farm DEVICE_SHARED_BY_MANY_ACCOUNTS 60 device.accounts_24h>=10"))
                .build()) {
            engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-old-farm",
                    Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 40.0), T0.toEpochMilli())));

            Explanation e = engine.explain(Events.claim("late-1", "acct-x", "d-old-farm", "198.51.100.1", T0.plusSeconds(1)));

            assertEquals(40.0, e.features().get(FeatureNames.DEVICE_ACCOUNTS_24H));
            assertEquals(1.0, e.features().get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H));
            assertTrue(e.decision().hasReason("DEVICE_SHARED_BY_MANY_ACCOUNTS"));
        }
    }
}
