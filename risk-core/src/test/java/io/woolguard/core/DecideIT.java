package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static io.woolguard.core.testing.Events.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.internal.engine.DefaultRiskEngine;
import io.woolguard.core.internal.store.Column;
import io.woolguard.core.internal.store.Keys;
import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.Events;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideIT {
    @TempDir
    Path dir;
    MutableClock clock;
    RiskEngine engine;
    final List<RiskEvent> streamed = new CopyOnWriteArrayList<>();
    final AtomicBoolean streamDown = new AtomicBoolean();

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        engine = EngineFixture.builder(dir, clock)
                .rules(EngineFixture.velocityPack())
                .listener(event -> {
                    if (streamDown.get()) {
                        throw new IllegalStateException("journal unavailable");
                    }
                    streamed.add(event);
                })
                .build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void decide_sameEventIdTwice_returnsStoredDecisionAndCountsNothingTwice() {
        Decision first = engine.decide(claim("c-1", "u-1", "d-1", "203.0.113.7", T0));
        clock.advance(Duration.ofSeconds(3));
        Decision again = engine.decide(claim("c-1", "u-1", "d-1", "203.0.113.7", T0));

        assertEquals(first, again);
        assertEquals(first.decidedAt(), again.decidedAt(), "the stored decision, not a new one");
        assertEquals(1, streamed.size(), "the stream hears of the event once");
        assertEquals(1.0, engine.features(EntityType.DEVICE, "d-1").get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));

        Explanation second = engine.explain(claim("c-2", "u-1", "d-1", "203.0.113.7", T0.plusSeconds(1)));
        assertEquals(2.0, second.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "c-1 counted once, c-2 once");
    }

    @Test
    void decide_concurrentDuplicates_areEvaluatedOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Decision>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return engine.decide(claim("dup-1", "u-9", "d-9", null, T0));
            }));
        }
        start.countDown();
        Decision first = futures.get(0).get();
        for (Future<Decision> f : futures) {
            assertEquals(first, f.get());
        }
        pool.shutdown();
        assertEquals(1, streamed.size(), "evaluated and streamed once for 8 concurrent duplicates");
        assertEquals(1.0, engine.features(EntityType.DEVICE, "d-9").get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
    }

    @Test
    void decide_21stClaimFromOneDeviceWithinASecond_seesTheFirst20() {
        Instant second = T0.plusMillis(200);
        for (int i = 1; i <= 20; i++) {
            Explanation e = engine.explain(claim("burst-" + i, "u-" + i, "d-farm", null, second.plusMillis(i * 10)));
            assertEquals(i, e.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "claim " + i + " counts itself");
            assertFalse(e.decision().hasReason("DEVICE_CLAIM_BURST"), "claim " + i + " is below the burst threshold");
        }
        Explanation twentyFirst = engine.explain(claim("burst-21", "u-21", "d-farm", null, second.plusMillis(300)));

        assertEquals(21.0, twentyFirst.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
        assertEquals(21.0, twentyFirst.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1H));
        assertEquals(21.0, twentyFirst.features().get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H));
        assertEquals(21.0, twentyFirst.features().get(FeatureNames.CAMPAIGN_LIVE_CLAIMS_1M));
        assertEquals(1.0, twentyFirst.features().get(FeatureNames.ACCOUNT_LIVE_CLAIMS_1M));
        Decision d = twentyFirst.decision();
        assertEquals(95, d.score(), "burst 50 + farm 45");
        assertEquals(Outcome.BLOCK, d.outcome());
        assertEquals(List.of("DEVICE_CLAIM_BURST", "DEVICE_SHARED_BY_MANY_ACCOUNTS"),
                d.reasons().stream().map(Reason::code).toList(), "strongest first");
    }

    @Test
    void decide_claimsOutsideTheMinute_areNotCountedInIt() {
        for (int i = 0; i < 5; i++) {
            engine.decide(claim("old-" + i, "u-1", "d-1", null, T0.plusSeconds(i)));
        }
        Explanation later = engine.explain(claim("late", "u-1", "d-1", null, T0.plusSeconds(65)));
        assertEquals(1.0, later.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "the five are more than a minute old");
        assertEquals(6.0, later.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1H), "but within the hour");
    }

    @Test
    void decide_derivesEventFeatures() {
        RiskEvent fresh = RiskEvent.builder("f-1", EventType.COUPON_CLAIM, "u-new")
                .occurredAt(T0)
                .accountCreatedAt(T0.minus(Duration.ofHours(5)))
                .phone("+86 170 1234 5678")
                .coupon(new Coupon("double11", null, java.math.BigDecimal.TEN, "CNY"))
                .build();
        Explanation e = engine.explain(fresh);
        assertEquals(5.0, e.features().get(FeatureNames.ACCOUNT_AGE_HOURS), 1e-9);
        assertEquals(1.0, e.features().get(FeatureNames.PHONE_VIRTUAL_CARRIER));
        assertEquals(0.0, e.features().get(FeatureNames.LISTS_WATCHED));
        assertTrue(e.decision().hasReason("NEW_ACCOUNT_CLAIM"));
        assertTrue(e.decision().hasReason("VIRTUAL_CARRIER_PHONE"));
        assertEquals(45, e.decision().score());
        assertEquals(Outcome.CHALLENGE, e.decision().outcome());

        Explanation cheap = engine.explain(Events.order("o-1", "u-old", "0.50", "100.00", T0, null, null, "cp-1", "cp-2"));
        assertEquals(0.005, cheap.features().get(FeatureNames.ORDER_PRICE_RATIO), 1e-9);
        assertEquals(2.0, cheap.features().get(FeatureNames.ORDER_COUPON_COUNT));
        assertTrue(cheap.decision().hasReason("ORDER_FAR_BELOW_LIST_PRICE"));
        assertFalse(cheap.features().has(FeatureNames.ACCOUNT_AGE_HOURS), "no createdAt, no age");
    }

    @Test
    void decide_missingOccurredAt_usesTheClock_andFarFutureIsRejected() {
        RiskEvent undated = claim("u-time", "u-1", "d-1", null, null);
        Explanation e = engine.explain(undated);
        assertEquals(T0, e.event().occurredAt());

        assertNotNull(engine.decide(claim("skew-ok", "u-1", "d-1", null, T0.plus(Duration.ofMinutes(4)))));
        InvalidEventException error = assertThrows(InvalidEventException.class,
                () -> engine.decide(claim("skew-bad", "u-1", "d-1", null, T0.plus(Duration.ofMinutes(6)))));
        assertEquals("occurredAt", error.errors().get(0).field());
        assertTrue(error.getMessage().contains("5 minutes in the future"), error.getMessage());
        assertTrue(engine.findDecision("skew-bad").isEmpty(), "a rejected event leaves no decision");
    }

    @Test
    void explain_reportsFeaturesRulesEvaluatedAndVersion_andIsStored() {
        Explanation e = engine.explain(claim("x-1", "u-1", "d-1", "203.0.113.7", T0));
        String active = engine.rulesets().active().orElseThrow().version();
        assertEquals(active, e.decision().rulesetVersion());
        assertEquals(List.of("device-burst", "device-farm", "fresh-account", "low-price", "virtual-phone"), e.rulesEvaluated());
        assertEquals(1.0, e.features().get(FeatureNames.IP_LIVE_CLAIMS_1M));
        assertEquals(1.0, e.features().get(FeatureNames.SUBNET_LIVE_CLAIMS_1M));
        assertEquals(e, engine.findDecision("x-1").orElseThrow());
        assertEquals(Outcome.ALLOW, e.decision().outcome());
        assertFalse(e.decision().degraded());
        assertNull(e.decision().degradedReason());
    }

    @Test
    void decide_shadowRuleset_isReportedNeverEnforced() {
        String strict = engine.rulesets().upload(EngineFixture.pack("strict", "all-claims ANY_CLAIM 90 type=COUPON_CLAIM"), "analyst").version();
        engine.rulesets().shadow(strict, "analyst");

        Decision d = engine.decide(claim("s-1", "u-1", "d-1", null, T0));
        assertEquals(Outcome.ALLOW, d.outcome(), "the active ruleset decides");
        assertEquals(0, d.score());
        assertNotNull(d.shadow());
        assertEquals(strict, d.shadow().rulesetVersion());
        assertEquals(Outcome.BLOCK, d.shadow().outcome());
        assertEquals(90, d.shadow().score());
        assertEquals("ANY_CLAIM", d.shadow().reasons().get(0).code());
    }

    @Test
    void decide_failingShadow_reportsFallbackInShadowOnly() {
        String broken = engine.rulesets().upload(EngineFixture.pack("broken-shadow", "!fail exceeded 1000 firings"), "analyst").version();
        engine.rulesets().shadow(broken, "analyst");
        Decision d = engine.decide(claim("sf-1", "u-1", "d-1", null, T0));
        assertFalse(d.degraded(), "the enforced decision did not lack anything");
        assertEquals(Outcome.ALLOW, d.shadow().outcome());
        assertEquals(broken, d.shadow().rulesetVersion());
    }

    @Test
    void decide_rulesReportFailure_fallsBackDegraded() {
        String broken = engine.rulesets().upload(EngineFixture.pack("broken",
                "all ANY_CLAIM 90 always", "!fail exceeded time budget of 50 ms"), "analyst").version();
        engine.rulesets().activate(broken, "analyst");

        Decision d = engine.decide(claim("b-1", "u-1", "d-1", null, T0));
        assertEquals(Outcome.ALLOW, d.outcome(), "the configured fallback, not the 90 gathered so far");
        assertTrue(d.degraded());
        assertEquals("rules: exceeded time budget of 50 ms", d.degradedReason());
        assertEquals(broken, d.rulesetVersion());
    }

    @Test
    void decide_rulesThrow_fallsBackToReviewWhenConfigured() {
        engine.close();
        engine = EngineFixture.builder(dir.resolve("review"), clock)
                .rules(EngineFixture.pack("throws", "!throw boom in rule x"))
                .fallbackOutcome(Outcome.REVIEW)
                .build();
        Decision d = engine.decide(claim("t-1", "u-1", "d-1", null, T0));
        assertEquals(Outcome.REVIEW, d.outcome());
        assertTrue(d.degraded());
        assertTrue(d.degradedReason().startsWith("rules: ") && d.degradedReason().contains("boom in rule x"), d.degradedReason());
    }

    @Test
    void decide_listenerThrows_decisionStandsButIsDegradedStream() {
        streamDown.set(true);
        Decision d = engine.decide(claim("l-1", "u-1", "d-1", null, T0));
        assertTrue(d.degraded());
        assertEquals("stream", d.degradedReason());
        assertEquals(Outcome.ALLOW, d.outcome());
        assertEquals(d, engine.findDecision("l-1").orElseThrow().decision(), "stored with its degraded flag");
    }

    @Test
    void decide_unreadableStoredFeatures_decidesWithoutThemDegraded() {
        DefaultRiskEngine internal = (DefaultRiskEngine) engine;
        internal.store().put(Column.FEATURES, Keys.of("DEVICE", "d-corrupt"), new byte[] {99, 0, 0});
        Explanation e = engine.explain(claim("fs-1", "u-1", "d-corrupt", null, T0));
        assertTrue(e.decision().degraded());
        assertEquals("feature-store", e.decision().degradedReason());
        assertEquals(1.0, e.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "live counters still count");
    }

    @Test
    void decide_withoutActiveRuleset_fallsBackDegraded_andIsNotReady() {
        engine.close();
        engine = EngineFixture.builder(dir.resolve("empty"), clock).build();
        assertFalse(engine.isReady());
        Decision d = engine.decide(claim("n-1", "u-1", "d-1", null, T0));
        assertEquals(Outcome.ALLOW, d.outcome());
        assertTrue(d.degradedReason().startsWith("rules: no active ruleset"), d.degradedReason());
        assertNull(d.rulesetVersion());
    }

    @Test
    void ingest_countsOncePerEventId_andProducesNoDecision() {
        engine.ingest(List.of(claim("i-1", "u-1", "d-5", null, T0), claim("i-2", "u-2", "d-5", null, T0)));
        engine.ingest(List.of(claim("i-1", "u-1", "d-5", null, T0)));
        assertTrue(engine.findDecision("i-1").isEmpty());
        assertEquals(2.0, engine.features(EntityType.DEVICE, "d-5").get(FeatureNames.DEVICE_LIVE_CLAIMS_1M));
        assertEquals(3, streamed.size(), "every accepted copy is passed on; the stream dedupes by eventId");

        InvalidEventException bad = assertThrows(InvalidEventException.class, () -> engine.ingest(List.of(
                claim("i-3", "u-3", "d-5", null, T0), claim("i-4", "u-4", "d-5", null, T0.plus(Duration.ofHours(1))))));
        assertEquals("events[1].occurredAt", bad.errors().get(0).field());
        assertEquals(2.0, engine.features(EntityType.DEVICE, "d-5").get(FeatureNames.DEVICE_LIVE_CLAIMS_1M),
                "a rejected batch counts nothing");
    }

    @Test
    void label_isStoredHashedAndPassedOn() {
        List<Label> heard = new CopyOnWriteArrayList<>();
        engine.close();
        engine = EngineFixture.builder(dir.resolve("labels"), clock).listener(new EngineListener() {
            @Override
            public void onEvent(RiskEvent event) {
            }

            @Override
            public void onLabel(Label label) {
                heard.add(label);
            }
        }).build();
        engine.label(new Label(EntityType.PHONE, "+8617012345678", LabelValue.FRAUD, "analyst-1", "farm", T0));
        List<Label> stored = engine.labels(EntityType.PHONE, "+8617012345678");
        assertEquals(1, stored.size());
        String hash = engine.hasher().hash(PersonalDataKind.PHONE, "+8617012345678");
        assertEquals(hash, stored.get(0).entityId());
        assertEquals(stored, engine.labels(EntityType.PHONE, hash));
        assertEquals(stored, heard);
    }

    @Test
    void close_thenCalls_failWithClearMessage_andDirectoryCanBeReopened() {
        engine.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.decide(claim("z", "u", "d", null, T0)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        engine = EngineFixture.builder(dir, clock).build();
        assertTrue(engine.isReady(), "the active ruleset is resumed");
    }

    @Test
    void secondEngineOnSameDirectory_failsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EngineFixture.builder(dir, clock).build());
        assertTrue(e.getMessage().contains("already used by another Woolguard engine"), e.getMessage());
        assertNotNull(engine.decide(claim("still-works", "u-1", "d-1", null, T0)), "the first engine is unharmed");
    }
}
