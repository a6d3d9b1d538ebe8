package io.woolguard.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.RulePackRejectedException;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.rules.DroolsRulePackCompiler;
import io.woolguard.rules.RulePacks;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.io.ByteArrayResource;
import org.junit.jupiter.api.Test;

class ConditionRewriterTest {
    private static final String HEADER = """
            package rules.test;
            import io.woolguard.rules.Event;
            import io.woolguard.rules.Features;
            global io.woolguard.rules.Hits hits;

            """;
    private static final DroolsRulePackCompiler COMPILER = new DroolsRulePackCompiler(2);
    private static final EvaluationLimits RELAXED = new EvaluationLimits(1_000, Duration.ofSeconds(10));

    @Test
    void rewrite_turnsCataloguedNumCallsIntoProperties() {
        assertEquals("device_accounts_24h >= 10", ConditionRewriter.rewrite("num(\"device.accounts_24h\") >= 10"));
        assertEquals("$n : account_live_claims_1m", ConditionRewriter.rewrite("$n : num(\"account.live_claims_1m\")"));
        assertEquals("campaign_live_claims_1m >= 5 * Math.max(1.0, campaign_claims_baseline_1m)",
                ConditionRewriter.rewrite("num(\"campaign.live_claims_1m\") >= 5 * Math.max(1.0, num(\"campaign.claims_baseline_1m\"))"));
        assertEquals("device_ips_24h>3", ConditionRewriter.rewrite("num( \"device.ips_24h\" )>3"));
    }

    @Test
    void rewrite_leavesEverythingElseAsWritten() {
        for (String expression : List.of(
                "num(\"not.catalogued\") >= 10",           // unknown names keep reading through num
                "f.num(\"device.accounts_24h\") >= 10",     // another fact's call
                "this.num(\"device.accounts_24h\") >= 10",
                "has(\"device.accounts_24h\")",
                "count(\"device.accounts_24h\") > 3",
                "num(\"device.\" + \"accounts_24h\") > 3",  // not a literal
                "toString() == \"num(\\\"device.accounts_24h\\\")\"")) {
            assertEquals(expression, ConditionRewriter.rewrite(expression));
        }
    }

    @Test
    void rewrite_mergesOneEventAndOneFeaturesPatternIntoOne() {
        PackageDescr descr = parse("""
                rule "r" @id("r")
                when
                  e : Event(claim, accountAgeHours < 24)
                  f : Features(num("device.accounts_24h") >= 10, has("graph.cluster_size"))
                then
                  hits.add(1, "X_Y", e.getDeviceId() + f.count("device.accounts_24h"));
                end
                """);
        assertEquals(new ConditionRewriter.Result(1, 0), ConditionRewriter.rewrite(descr));
        List<BaseDescr> lhs = descr.getRules().get(0).getLhs().getDescrs();
        assertEquals(1, lhs.size());
        PatternDescr merged = assertInstanceOf(PatternDescr.class, lhs.get(0));
        assertEquals(EventWithFeatures.class.getName(), merged.getObjectType());
        assertNull(merged.getIdentifier());
        assertEquals(List.of("e : event", "f : features", "device_accounts_24h >= 10", "has(\"graph.cluster_size\")", "claim",
                "accountAgeHours < 24"), expressions(merged));
        assertEquals(8, merged.getLine(), "errors still point at the Event pattern's line (header: 5 lines)");
    }

    @Test
    void rewrite_mergesASingleEventOrFeaturesPatternToo() {
        PackageDescr descr = parse("""
                rule "event" @id("event")
                when
                  e : Event(emulator)
                then
                  hits.add(1, "X_Y", e.getDeviceId());
                end

                rule "features" @id("features")
                when
                  Features(num("device.accounts_24h") >= 10, num("ip.accounts_1h") >= 3)
                then
                  hits.add(1, "X_Y", "m");
                end
                """);
        assertEquals(new ConditionRewriter.Result(2, 0), ConditionRewriter.rewrite(descr));
        PatternDescr event = (PatternDescr) descr.getRules().get(0).getLhs().getDescrs().get(0);
        assertEquals(EventWithFeatures.class.getName(), event.getObjectType());
        assertEquals(List.of("e : event", "emulator"), expressions(event));
        PatternDescr features = (PatternDescr) descr.getRules().get(1).getLhs().getDescrs().get(0);
        assertEquals(List.of("device_accounts_24h >= 10", "ip_accounts_1h >= 3"), expressions(features));
    }

    @Test
    void rewrite_keepsOtherShapesAsTwoPatterns() {
        for (String conditions : List.of(
                "e : Event(claim)\n  f : Features(num(\"device.accounts_24h\") > e.accountAgeHours)",   // a join
                "e : Event(claim, accountAgeHours < f.num(\"account.age_hours\"))\n  f : Features()",
                "e : Event(claim)\n  f : Features(this.num(\"device.accounts_24h\") > 1)",
                "e : Event(claim)\n  f : Features(num(\"device.accounts_24h\") > 1)\n  not Features(num(\"lists.watched\") > 0)",
                "e : Event(claim) or f : Features(num(\"device.accounts_24h\") > 1)",
                "e : Event(claim)\n  e2 : Event(order)",
                "e : Event(this.claim)")) {
            PackageDescr descr = parse("rule \"r\" @id(\"r\")\nwhen\n  " + conditions + "\nthen\n  hits.add(1, \"X_Y\", \"m\");\nend\n");
            assertEquals(new ConditionRewriter.Result(0, 1), ConditionRewriter.rewrite(descr), conditions);
            assertTrue(descr.getRules().get(0).getLhs().getDescrs().stream()
                    .noneMatch(d -> d instanceof PatternDescr p && p.getObjectType().equals(EventWithFeatures.class.getName())), conditions);
        }
    }

    @Test
    void compiledPack_mergedAndJoinedFormsDecideAlike() {
        // the same rule three ways: merged; kept as a join by a cross-pattern reference; kept by a third pattern
        String drl = HEADER + """
                rule "merged" @id("merged")
                when
                  e : Event(claim, accountAgeHours < 24)
                  f : Features($n : num("device.accounts_24h"), num("device.accounts_24h") >= 10)
                then
                  hits.add(10, "MERGED", e.getDeviceId() + " " + (long) $n + " " + f.count("device.accounts_24h"));
                end

                rule "joined" @id("joined")
                when
                  e : Event(claim, accountAgeHours < 24)
                  f : Features($n : num("device.accounts_24h"), num("device.accounts_24h") >= 10 + e.getCouponCount() * 0)
                then
                  hits.add(10, "JOINED", e.getDeviceId() + " " + (long) $n + " " + f.count("device.accounts_24h"));
                end

                rule "three patterns" @id("three")
                when
                  e : Event(claim, accountAgeHours < 24)
                  f : Features($n : num("device.accounts_24h"), num("device.accounts_24h") >= 10)
                  exists Event()
                then
                  hits.add(10, "THREE", e.getDeviceId() + " " + (long) $n + " " + f.count("device.accounts_24h"));
                end

                rule "event only" @id("event-only")
                when
                  e : Event(claim)
                then
                  hits.add(1, "EVENT_ONLY", e.getDeviceId());
                end
                """;
        CompiledRules rules = COMPILER.compile(RulePacks.of("p", Map.of("p.drl", drl)));
        RuleEvaluation farm = rules.evaluate(new RuleInput(claim("u1", "d-7", "2026-11-22T01:00:00Z"),
                new FeatureVector(Map.of("device.accounts_24h", 12.0))), RELAXED);
        assertNull(farm.failure());
        assertEquals(List.of(new RuleHit("event-only", "EVENT_ONLY", 1, "d-7"), new RuleHit("joined", "JOINED", 10, "d-7 12 12"),
                new RuleHit("merged", "MERGED", 10, "d-7 12 12"), new RuleHit("three", "THREE", 10, "d-7 12 12")), sorted(farm.hits()));
        assertEquals(4, farm.firings());

        RuleEvaluation belowThreshold = rules.evaluate(new RuleInput(claim("u1", "d-7", "2026-11-22T01:00:00Z"),
                new FeatureVector(Map.of("device.accounts_24h", 9.0))), RELAXED);
        assertEquals(List.of(new RuleHit("event-only", "EVENT_ONLY", 1, "d-7")), belowThreshold.hits());

        RuleEvaluation oldAccount = rules.evaluate(new RuleInput(claim("u1", "d-7", "2026-10-01T00:00:00Z"),
                new FeatureVector(Map.of("device.accounts_24h", 12.0))), RELAXED);
        assertEquals(List.of(new RuleHit("event-only", "EVENT_ONLY", 1, "d-7")), oldAccount.hits());
    }

    @Test
    void compiledPack_mergedRulesFireOncePerEvaluationAcrossReuse() {
        CompiledRules rules = COMPILER.compile(RulePacks.of("p", Map.of("p.drl", HEADER + """
                rule "merged" @id("merged")
                when
                  e : Event(claim)
                  f : Features(num("device.accounts_24h") >= 10)
                then
                  hits.add(10, "MERGED", e.getDeviceId());
                end
                """)));
        for (int i = 0; i < 5; i++) {
            RuleEvaluation evaluation = rules.evaluate(new RuleInput(claim("u" + i, "d-" + i, "2026-11-22T01:00:00Z"),
                    new FeatureVector(Map.of("device.accounts_24h", 10.0 + i))), RELAXED);
            assertEquals(List.of(new RuleHit("merged", "MERGED", 10, "d-" + i)), evaluation.hits(), "evaluation " + i);
        }
    }

    @Test
    void sandbox_refusesTheInternalPropertiesAndFact() {
        RulePackRejectedException property = assertThrows(RulePackRejectedException.class, () -> COMPILER.compile(RulePacks.of("p",
                Map.of("p.drl", HEADER + "rule \"r\" @id(\"r\")\nwhen\n  f : Features(device_accounts_24h >= 10)\nthen\n  hits.add(1, \"X_Y\", \"m\");\nend\n"))));
        assertTrue(property.errors().stream().anyMatch(e -> e.message().contains("'device_accounts_24h' is not allowed")), property.errors().toString());
        RulePackRejectedException fact = assertThrows(RulePackRejectedException.class, () -> COMPILER.compile(RulePacks.of("p",
                Map.of("p.drl", HEADER + "rule \"r\" @id(\"r\")\nwhen\n  x : io.woolguard.rules.internal.EventWithFeatures()\nthen\n  hits.add(1, \"X_Y\", \"m\");\nend\n"))));
        assertTrue(fact.errors().stream().anyMatch(e -> e.message().contains("conditions may match only Event and Features")), fact.errors().toString());
        RulePackRejectedException getter = assertThrows(RulePackRejectedException.class, () -> COMPILER.compile(RulePacks.of("p",
                Map.of("p.drl", HEADER + "rule \"r\" @id(\"r\")\nwhen\n  f : Features()\nthen\n  hits.add(1, \"X_Y\", \"\" + f.getDevice_accounts_24h());\nend\n"))));
        assertTrue(getter.errors().stream().anyMatch(e -> e.message().contains("'.getDevice_accounts_24h' is not allowed")), getter.errors().toString());
    }

    private static List<RuleHit> sorted(List<RuleHit> hits) {
        return hits.stream().sorted(java.util.Comparator.comparing(RuleHit::ruleId)).toList();
    }

    private static RiskEvent claim(String accountId, String deviceId, String createdAt) {
        return RiskEvent.builder("e-" + accountId, EventType.COUPON_CLAIM, accountId)
                .occurredAt(Instant.parse("2026-11-22T03:00:00Z"))
                .accountCreatedAt(Instant.parse(createdAt))
                .device(new Device(deviceId, Platform.ANDROID, false, false, false, "okhttp/4.12", "Asia/Shanghai"))
                .coupon(new io.woolguard.core.Coupon("double11", null, java.math.BigDecimal.TEN, "CNY"))
                .build();
    }

    private static PackageDescr parse(String rules) {
        String drl = HEADER + rules;
        try {
            PackageDescr descr = new DrlParser().parse(new ByteArrayResource(drl.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new StringReader(drl));
            if (descr == null) {
                throw new AssertionError("does not parse: " + rules);
            }
            return descr;
        } catch (org.drools.drl.parser.DroolsParserException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> expressions(PatternDescr pattern) {
        return pattern.getDescrs().stream().map(d -> ((ExprConstraintDescr) d).getExpression()).toList();
    }
}
