package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests on a real engine: eleven claims decided by pack A (farm device at 5+ accounts), then
 * pack B (farm device at 3+ accounts, young accounts) decides them again from the stored events and
 * features.
 */
class BacktestIT {
    private static final RulePack A = EngineFixture.pack("a",
            "farm5 DEVICE_SHARED_BY_MANY_ACCOUNTS 45 device.live_accounts_1h>=5");
    private static final RulePack B = EngineFixture.pack("b",
            "farm3 DEVICE_SHARED_BY_MANY_ACCOUNTS 45 device.live_accounts_1h>=3",
            "young NEW_ACCOUNT_CLAIM 20 account.age_hours<24");
    private static final Instant YEARS_AGO = T0.minus(Duration.ofDays(900));

    @TempDir
    Path dir;
    MutableClock clock;
    RiskEngine engine;
    String versionA;
    String versionB;
    Instant firstDecision;

    @BeforeEach
    void decideElevenClaimsWithPackA() {
        clock = new MutableClock(T0);
        engine = EngineFixture.builder(dir, clock).watchScore(20).build();
        versionA = engine.rulesets().activate(engine.rulesets().upload(A, "analyst").version(), "analyst").version();
        versionB = engine.rulesets().upload(B, "analyst").version();
        engine.lists().put(ListType.WATCH, EntityType.DEVICE, "d-watch", null, "seen in a chargeback", "analyst");
        engine.lists().put(ListType.BLOCK, EntityType.DEVICE, "d-block", null, "farm device", "analyst");
        firstDecision = clock.instant().plusSeconds(1);
        for (int i = 1; i <= 6; i++) {
            decide("farm-" + i, "f-" + i, T0.minus(Duration.ofHours(1)), "d-farm");
        }
        for (int i = 1; i <= 3; i++) {
            decide("legit-" + i, "u-" + i, YEARS_AGO, "d-own-" + i);
        }
        decide("watched", "w-1", T0.minus(Duration.ofHours(1)), "d-watch");
        decide("blocked", "b-1", YEARS_AGO, "d-block");
    }

    private Decision decide(String eventId, String account, Instant createdAt, String device) {
        clock.advance(Duration.ofSeconds(1));
        return engine.decide(RiskEvent.builder(eventId, EventType.COUPON_CLAIM, account)
                .occurredAt(clock.instant()).accountCreatedAt(createdAt).device(Device.of(device)).ip("198.51.100.7")
                .coupon(new Coupon("double11", "cp-9", new BigDecimal("20.00"), "CNY")).build());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void backtest_decidesStoredDecisionsAgainWithTheCandidate_andCountsEveryTransition() {
        assertEquals(Outcome.CHALLENGE, engine.findDecision("farm-5").orElseThrow().decision().outcome(), "pack A at 5 accounts");
        assertEquals(Outcome.ALLOW, engine.findDecision("farm-4").orElseThrow().decision().outcome());

        BacktestReport report = engine.backtest(versionB, T0, clock.instant().plusSeconds(1), 1_000, (done, total) -> { });

        assertEquals(11, report.evaluated());
        assertFalse(report.limitReached());
        assertEquals(5, report.count(Outcome.ALLOW, Outcome.ALLOW), "farm-1, farm-2 and the three legit claims");
        assertEquals(2, report.count(Outcome.ALLOW, Outcome.REVIEW), "farm-3, farm-4: 45 + 20");
        assertEquals(2, report.count(Outcome.CHALLENGE, Outcome.REVIEW), "farm-5, farm-6: 45 + 20");
        assertEquals(1, report.count(Outcome.ALLOW, Outcome.CHALLENGE), "the watched young account: 20 (watch) + 20");
        assertEquals(1, report.count(Outcome.BLOCK, Outcome.BLOCK), "the listed device stays blocked");
        assertEquals(5, report.changed());
        assertEquals(1, report.listDecided());
        assertEquals(0, report.failures());
        assertEquals(Map.of("farm3", 4L, "young", 7L), report.ruleHits());
        assertEquals(Map.of(versionA, 11L), report.decidedBy());
        assertEquals(4, report.countAfter(Outcome.REVIEW));
        assertEquals(2, report.countBefore(Outcome.CHALLENGE));

        assertEquals(List.of("farm-3", "farm-4", "farm-5", "farm-6", "watched"),
                report.examples().stream().map(BacktestReport.Change::eventId).toList(), "oldest first");
        BacktestReport.Change farm3 = report.examples().get(0);
        assertEquals(Outcome.ALLOW, farm3.before());
        assertEquals(0, farm3.scoreBefore());
        assertEquals(Outcome.REVIEW, farm3.after());
        assertEquals(65, farm3.scoreAfter());
        assertEquals(List.of("DEVICE_SHARED_BY_MANY_ACCOUNTS", "NEW_ACCOUNT_CLAIM"), farm3.reasonsAfter());
        assertEquals(List.of("LISTED_WATCH", "NEW_ACCOUNT_CLAIM"), report.examples().get(4).reasonsAfter(),
                "the watch listing's reason is kept and the candidate's rules add to it");
    }

    @Test
    void backtest_changesNothing_noDecisionStoredOrCountedAndTheActiveVersionStays() {
        engine.backtest(versionB, T0, clock.instant().plusSeconds(1), 1_000, (done, total) -> { });

        assertEquals(versionA, engine.rulesets().active().orElseThrow().version());
        Explanation stored = engine.findDecision("farm-4").orElseThrow();
        assertEquals(Outcome.ALLOW, stored.decision().outcome(), "stored decisions are untouched");
        assertEquals(versionA, stored.decision().rulesetVersion());
        Decision seventh = decide("farm-7", "f-7", T0.minus(Duration.ofHours(1)), "d-farm");
        assertEquals(7.0, engine.findDecision("farm-7").orElseThrow().features().get(FeatureNames.DEVICE_LIVE_ACCOUNTS_1H),
                "the backtest counted nothing: the seventh account on the device is the seventh");
        assertEquals(Outcome.CHALLENGE, seventh.outcome(), "still decided by pack A");
    }

    @Test
    void backtest_takesOnlyThePeriod_oldestFirstUpToTheLimit_andReportsProgress() {
        Instant farmOnlyEnd = firstDecision.plusSeconds(6); // farm-1 .. farm-6 were decided at +1 s .. +6 s
        BacktestReport farm = engine.backtest(versionB, firstDecision, farmOnlyEnd, 1_000, (done, total) -> { });
        assertEquals(6, farm.evaluated());
        assertEquals(4, farm.changed());

        List<long[]> progress = new ArrayList<>();
        BacktestReport limited = engine.backtest(versionB, T0, clock.instant().plusSeconds(1), 3,
                (done, total) -> progress.add(new long[] {done, total}));
        assertEquals(3, limited.evaluated());
        assertTrue(limited.limitReached(), "eleven decisions in the period, three taken");
        assertEquals(1, limited.changed(), "farm-1 .. farm-3: only farm-3 changes");
        assertEquals(List.of(0L, 3L), List.of(progress.get(0)[0], progress.get(0)[1]), "told the total first");
        long[] last = progress.get(progress.size() - 1);
        assertEquals(List.of(3L, 3L), List.of(last[0], last[1]), "and the end");
    }

    @Test
    void backtest_rejectsUnknownVersionsAndEmptyPeriods_withMessages() {
        NoSuchElementException unknown = assertThrows(NoSuchElementException.class,
                () -> engine.backtest("2026-01-01T00:00:00Z-nothere", T0, T0.plusSeconds(60), 10, (d, t) -> { }));
        assertTrue(unknown.getMessage().contains("2026-01-01T00:00:00Z-nothere"), unknown.getMessage());
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> engine.backtest(versionB, T0, T0, 10, (d, t) -> { }));
        assertTrue(backwards.getMessage().contains("must end after it starts"), backwards.getMessage());
        IllegalArgumentException noLimit = assertThrows(IllegalArgumentException.class,
                () -> engine.backtest(versionB, T0, T0.plusSeconds(60), 0, (d, t) -> { }));
        assertTrue(noLimit.getMessage().contains("limit must be positive"), noLimit.getMessage());
    }
}
