package io.woolguard.core;

import static io.woolguard.core.testing.EngineFixture.T0;
import static io.woolguard.core.testing.Events.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.testing.EngineFixture;
import io.woolguard.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesetsIT {
    private static final RulePack A = EngineFixture.pack("a", "rule-a CODE_A 10 always");
    private static final RulePack B = EngineFixture.pack("b", "rule-b1 CODE_B 20 always", "rule-b2 CODE_B2 5 always");

    @TempDir
    Path dir;
    MutableClock clock;
    RiskEngine engine;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        engine = EngineFixture.builder(dir, clock).build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void upload_versionIsUploadTimeAndContentHash_sameContentGivesSameVersion() {
        RulesetInfo a = engine.rulesets().upload(A, "analyst");
        assertEquals("2026-11-11T12:00:00Z-" + A.contentHash().substring(0, 6), a.version());
        assertEquals(RulesetState.INACTIVE, a.state());
        assertEquals(List.of("rule-a"), a.ruleIds());
        assertEquals(List.of("rules.txt"), a.files());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(a.version(), engine.rulesets().upload(A, "someone-else").version(), "same content, same version");
        RulesetInfo b = engine.rulesets().upload(B, "analyst");
        assertTrue(b.version().startsWith("2026-11-11T12:01:00Z-"), b.version());
        assertEquals(List.of(b.version(), a.version()), engine.rulesets().list().stream().map(RulesetInfo::version).toList(),
                "newest first");
        assertEquals(A, engine.rulesets().pack(a.version()).orElseThrow());
    }

    @Test
    void upload_brokenPack_isRejectedWithLocatedErrors_andNothingStored() {
        RulePack broken = RulePack.ofText("broken", Map.of("device.txt", "ok OK_CODE 1 always\nthis is not a rule"));
        RulePackRejectedException e = assertThrows(RulePackRejectedException.class, () -> engine.rulesets().upload(broken, "analyst"));
        assertEquals(1, e.errors().size());
        assertEquals("device.txt", e.errors().get(0).file());
        assertEquals(2, e.errors().get(0).line());
        assertTrue(engine.rulesets().list().isEmpty());
        assertTrue(engine.rulesets().audit().isEmpty());
    }

    @Test
    void activateShadowRollback_moveStatesAndAreAudited() {
        String a = engine.rulesets().upload(A, "analyst").version();
        clock.advance(Duration.ofSeconds(1));
        String b = engine.rulesets().upload(B, "analyst").version();
        assertThrows(IllegalStateException.class, () -> engine.rulesets().rollback("analyst"), "nothing to roll back to");
        assertThrows(NoSuchElementException.class, () -> engine.rulesets().activate("2020-01-01T00:00:00Z-abcdef", "analyst"));

        engine.rulesets().activate(a, "analyst");
        assertEquals(RulesetState.SHADOW, engine.rulesets().shadow(b, "analyst").state());
        assertThrows(IllegalStateException.class, () -> engine.rulesets().shadow(a, "analyst"), "the active one cannot shadow");
        assertEquals(RulesetState.ACTIVE, engine.rulesets().activate(b, "analyst").state());
        assertTrue(engine.rulesets().shadowVersion().isEmpty(), "activating the shadow ends shadowing");
        assertEquals(25, engine.decide(claim("e-1", "u", "d", null, T0)).score());

        RulesetInfo back = engine.rulesets().rollback("analyst");
        assertEquals(a, back.version());
        assertEquals(RulesetState.ACTIVE, back.state());
        assertEquals(RulesetState.INACTIVE, engine.rulesets().find(b).orElseThrow().state());
        assertEquals(10, engine.decide(claim("e-2", "u", "d", null, T0)).score());

        engine.rulesets().shadow(b, "analyst");
        engine.rulesets().clearShadow("analyst");
        assertEquals(List.of("UPLOAD", "UPLOAD", "ACTIVATE", "SHADOW", "ACTIVATE", "ROLLBACK", "SHADOW", "CLEAR_SHADOW"),
                engine.rulesets().audit().stream().map(RulesetAuditEntry::action).toList());
        assertEquals("analyst", engine.rulesets().audit().get(0).actor());
    }

    @Test
    void decide_whileActiveRulesetIsSwapped50Times_everyDecisionByExactlyOneConsistentVersion() throws Exception {
        String a = engine.rulesets().upload(A, "analyst").version();
        clock.advance(Duration.ofSeconds(1));
        String b = engine.rulesets().upload(B, "analyst").version();
        assertNotEquals(a, b);
        engine.rulesets().activate(a, "analyst");

        int threads = 4;
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder decided = new LongAdder();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Map<String, LongAdder> byVersion = new ConcurrentHashMap<>();
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                started.countDown();
                long i = 0;
                while (!stop.get()) {
                    try {
                        Explanation e = engine.explain(claim("w" + worker + "-" + i++, "u-" + worker, "d-" + (i % 50), null, T0));
                        Decision d = e.decision();
                        String version = d.rulesetVersion();
                        List<String> codes = d.reasons().stream().map(Reason::code).toList();
                        if (version.equals(a)) {
                            check(codes.equals(List.of("CODE_A")) && d.score() == 10
                                    && e.rulesEvaluated().equals(List.of("rule-a")), d, e);
                        } else if (version.equals(b)) {
                            check(codes.equals(List.of("CODE_B", "CODE_B2")) && d.score() == 25
                                    && e.rulesEvaluated().equals(List.of("rule-b1", "rule-b2")), d, e);
                        } else {
                            throw new AssertionError("unknown version " + version);
                        }
                        byVersion.computeIfAbsent(version, v -> new LongAdder()).increment();
                        decided.increment();
                    } catch (Throwable error) {
                        failures.add(error);
                    }
                }
            });
            workers.add(thread);
            thread.start();
        }
        started.await();
        for (int swap = 0; swap < 50; swap++) {
            long before = decided.sum();
            engine.rulesets().activate(swap % 2 == 0 ? b : a, "analyst");
            while (decided.sum() < before + 20 && failures.isEmpty()) {
                Thread.onSpinWait(); // let some decisions run on this version before the next swap
            }
        }
        stop.set(true);
        for (Thread thread : workers) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
        assertTrue(decided.sum() >= 50 * 20, "decisions ran throughout: " + decided.sum());
        assertTrue(byVersion.get(a).sum() > 0 && byVersion.get(b).sum() > 0, "both versions decided: " + byVersion);
        assertEquals(a, engine.rulesets().active().orElseThrow().version(), "50 swaps end on A");
        assertEquals(51, engine.rulesets().audit().stream().filter(x -> x.action().equals("ACTIVATE")).count());
    }

    private static void check(boolean consistent, Decision d, Explanation e) {
        if (!consistent) {
            throw new AssertionError("decision inconsistent with its version " + d + " rules " + e.rulesEvaluated());
        }
    }
}
