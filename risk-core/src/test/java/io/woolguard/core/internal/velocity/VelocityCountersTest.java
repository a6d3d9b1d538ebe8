package io.woolguard.core.internal.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.testing.Events;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VelocityCountersTest {
    private static final Instant T = Instant.parse("2026-11-11T12:00:00Z");
    private static final io.woolguard.core.PersonalDataHasher HASHER =
            io.woolguard.core.PersonalDataHasher.withSecret("velocity-test-secret-0123");

    @Test
    void recordAndRead_countsClaimsPerEntityAndDistinctAccounts_oncePerEventId() {
        VelocityCounters counters = new VelocityCounters(1_000);
        counters.recordAndRead(Events.claim("e1", "u-1", "d-1", "10.0.0.1", T));
        counters.recordAndRead(Events.claim("e1", "u-1", "d-1", "10.0.0.1", T));
        Map<String, Double> f = counters.recordAndRead(Events.claim("e2", "u-2", "d-1", "10.0.0.2", T.plusSeconds(1)));

        assertEquals(2.0, f.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
        assertEquals(2.0, f.get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H));
        assertEquals(1.0, f.get(FeatureNames.ACCOUNT_LIVE_CLAIMS_1M), "u-2's own claims");
        assertEquals(1.0, f.get(FeatureNames.IP_LIVE_CLAIMS_1M), "10.0.0.2 is a different IP");
        assertEquals(2.0, f.get(FeatureNames.SUBNET_LIVE_CLAIMS_1M), "same /24");
        assertEquals(2.0, f.get(FeatureNames.CAMPAIGN_LIVE_CLAIMS_1H));
        assertFalse(f.containsKey("subnet.live_claims_1h"), "only the named features are reported");
    }

    @Test
    void nonClaimEvents_countAccountsButNotClaims() {
        VelocityCounters counters = new VelocityCounters(1_000);
        RiskEvent login = RiskEvent.builder("l1", EventType.LOGIN, "u-7").occurredAt(T)
                .device(io.woolguard.core.Device.of("d-7")).build();
        Map<String, Double> f = counters.recordAndRead(login);
        assertEquals(0.0, f.get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
        assertEquals(1.0, f.get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H));
        assertEquals(1.0, counters.read(EntityType.DEVICE, "d-7", T.toEpochMilli()).get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H));
    }

    @Test
    void entityLimit_boundsMemory() {
        VelocityCounters counters = new VelocityCounters(100);
        for (int i = 0; i < 1_000; i++) {
            counters.recordAndRead(Events.claim("e" + i, "u-" + i, "d-" + i, null, T));
        }
        org.junit.jupiter.api.Assertions.assertTrue(counters.trackedEntities() <= 100,
                "tracked " + counters.trackedEntities() + " with a limit of 100");
    }

    @Test
    void anIdentifierIdleForTwoHours_startsItsDayOfDistinctAccountsAfresh() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        VelocityCounters counters = new VelocityCounters(1_000, nanos::get, Runnable::run);
        counters.recordAndRead(withPhone("p1", "u-1", T));
        nanos.addAndGet(java.time.Duration.ofMinutes(119).toNanos());
        Map<String, Double> active = counters.recordAndRead(withPhone("p2", "u-2", T.plusSeconds(7_140)));
        assertEquals(2.0, active.get("phone.live_accounts_24h"), "used 119 minutes ago: still tracked");

        nanos.addAndGet(java.time.Duration.ofHours(2).toNanos());
        Map<String, Double> idle = counters.recordAndRead(withPhone("p3", "u-3", T.plusSeconds(14_340)));
        assertEquals(1.0, idle.get("phone.live_accounts_24h"), "idle for two hours: counting starts again");
        assertEquals(2, counters.trackedEntities(), "the phone and u-3; u-1 and u-2 went idle");
    }

    private static RiskEvent withPhone(String eventId, String account, Instant at) {
        return RiskEvent.builder(eventId, EventType.LOGIN, account).occurredAt(at)
                .phone("+8613800000000").build().protect(HASHER);
    }
}
