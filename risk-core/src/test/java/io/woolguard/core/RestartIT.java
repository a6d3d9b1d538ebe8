package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static io.woolguard.core.testing.Events.claim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {
    @TempDir
    Path dir;

    @Test
    void restart_onSameDirectory_resumesRulesListsLabelsDecisionsFeaturesAndKey() throws Exception {
        MutableClock clock = new MutableClock(T0);
        RulePack defaults = EngineFixture.pack("default", "every-claim CLAIM_SEEN 10 type=COUPON_CLAIM");
        RulePack analysts = EngineFixture.pack("analyst-v2", "every-claim CLAIM_SEEN 65 type=COUPON_CLAIM");
        String analystVersion;
        Explanation decided;
        String phoneHash;
        try (RiskEngine engine = EngineFixture.builder(dir, clock).initialRules(defaults).build()) {
            analystVersion = engine.rulesets().upload(analysts, "analyst").version();
            engine.rulesets().activate(analystVersion, "analyst");
            engine.lists().put(ListType.WATCH, EntityType.DEVICE, "d-watch", Duration.ofDays(1), "odd", "analyst");
            engine.label(new Label(EntityType.ACCOUNT, "u-1", LabelValue.FRAUD, "analyst", null, T0));
            engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                    Map.of(FeatureNames.DEVICE_ACCOUNTS_24H, 23.0), T0.toEpochMilli())));
            decided = engine.explain(claim("c-1", "u-1", "d-1", null, T0));
            phoneHash = engine.hasher().hash(PersonalDataKind.PHONE, "+8617012345678");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pii.key"))));
        byte[] key = Files.readAllBytes(dir.resolve("pii.key"));
        assertEquals(32, key.length);

        clock.advance(Duration.ofMinutes(5));
        try (RiskEngine engine = EngineFixture.builder(dir, clock).initialRules(defaults).build()) {
            assertEquals(analystVersion, engine.rulesets().active().orElseThrow().version(),
                    "the analyst's version survives; the initial pack does not replace it");
            assertEquals(2, engine.rulesets().list().size());
            assertTrue(engine.isReady());
            assertTrue(engine.lists().find(ListType.WATCH, EntityType.DEVICE, "d-watch").isPresent());
            assertEquals(LabelValue.FRAUD, engine.labels(EntityType.ACCOUNT, "u-1").get(0).label());
            assertEquals(23.0, engine.features(EntityType.DEVICE, "d-1").get(FeatureNames.DEVICE_ACCOUNTS_24H));
            assertEquals(decided, engine.findDecision("c-1").orElseThrow());
            assertEquals(decided.decision(), engine.decide(claim("c-1", "u-1", "d-1", null, T0)), "still idempotent");
            assertEquals(phoneHash, engine.hasher().hash(PersonalDataKind.PHONE, "+8617012345678"), "same key, same hashes");
            Decision next = engine.decide(claim("c-2", "u-2", "d-2", null, clock.instant()));
            assertEquals(65, next.score(), "decided by the resumed analyst version");
            assertEquals(List.of("UPLOAD", "ACTIVATE", "UPLOAD", "ACTIVATE"),
                    engine.rulesets().audit().stream().map(RulesetAuditEntry::action).toList());
        }
        assertArrayEquals(key, Files.readAllBytes(dir.resolve("pii.key")), "the key is generated once");
    }

    @Test
    void restart_rebuildsLiveCountersFromTheLastHoursDecisions() {
        MutableClock clock = new MutableClock(T0);
        RulePack pack = EngineFixture.velocityPack();
        try (RiskEngine engine = EngineFixture.builder(dir, clock).rules(pack).build()) {
            engine.decide(claim("old-1", "u-0", "d-1", null, T0));
            clock.advance(Duration.ofMinutes(90));
            for (int i = 1; i <= 5; i++) {
                engine.decide(claim("c-" + i, "u-" + i, "d-1", null, clock.instant()));
            }
        }
        clock.advance(Duration.ofSeconds(10));
        try (RiskEngine engine = EngineFixture.builder(dir, clock).rules(pack).build()) {
            Explanation sixth = engine.explain(claim("c-6", "u-6", "d-1", null, clock.instant()));
            assertEquals(6.0, sixth.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1M), "5 before the restart + this one");
            assertEquals(6.0, sixth.features().get(FeatureNames.DEVICE_LIVE_CLAIMS_1H), "the 90-minute-old claim is not replayed");
            assertEquals(6.0, sixth.features().get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H));
            engine.decide(claim("c-1", "u-1", "d-1", null, T0.plus(Duration.ofMinutes(90))));
            assertEquals(6.0, engine.features(EntityType.DEVICE, "d-1").get(FeatureNames.DEVICE_LIVE_CLAIMS_1M),
                    "a replayed event decided again is not counted again");
        }
    }

    @Test
    void restart_withRules_activatesTheGivenPackOverTheStoredOne() {
        MutableClock clock = new MutableClock(T0);
        try (RiskEngine engine = EngineFixture.builder(dir, clock).rules(EngineFixture.pack("a", "r A_CODE 10 always")).build()) {
            assertEquals(10, engine.decide(claim("x-1", "u", "d", null, T0)).score());
        }
        clock.advance(Duration.ofSeconds(1));
        try (RiskEngine engine = EngineFixture.builder(dir, clock).rules(EngineFixture.pack("b", "r B_CODE 20 always")).build()) {
            assertEquals(20, engine.decide(claim("x-2", "u", "d", null, clock.instant())).score());
            assertEquals("b", engine.rulesets().active().orElseThrow().name());
        }
    }

    @Test
    void decisionRetention_sweepDeletesOldDecisionsOnly() {
        MutableClock clock = new MutableClock(T0);
        try (RiskEngine engine = EngineFixture.builder(dir, clock).decisionRetention(Duration.ofDays(1))
                .rules(EngineFixture.pack("a", "r A_CODE 10 always")).build()) {
            engine.decide(claim("old", "u", "d", null, T0));
            clock.advance(Duration.ofHours(20));
            engine.decide(claim("new", "u", "d", null, clock.instant()));
            clock.advance(Duration.ofHours(5));
            long removed = ((io.woolguard.core.internal.engine.DefaultRiskEngine) engine).maintain();
            assertEquals(1, removed);
            assertTrue(engine.findDecision("old").isEmpty());
            assertTrue(engine.findDecision("new").isPresent());
        }
    }
}
