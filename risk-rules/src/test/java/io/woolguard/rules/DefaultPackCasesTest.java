package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Outcome;
import io.woolguard.core.ScoringPolicy;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every analyst case in {@code cases/*.json} through the compiled default pack and the default scoring policy. */
class DefaultPackCasesTest {
    private static CompiledRules rules;

    @BeforeAll
    static void compileDefaultPack() {
        rules = new DroolsRulePackCompiler().compile(RulePacks.defaultPack());
    }

    static List<RuleCase> cases() {
        return RuleCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void defaultPack_decidesCaseAsExpected(RuleCase c) {
        RuleEvaluation evaluation = rules.evaluate(new RuleInput(c.event(), c.features()), EvaluationLimits.DEFAULT);
        assertNull(evaluation.failure(), "evaluation failed");
        Set<String> reasons = evaluation.hits().stream().map(RuleHit::code).collect(Collectors.toCollection(TreeSet::new));
        int score = ScoringPolicy.score(evaluation.hits().stream().map(RuleHit::score).toList());
        Outcome outcome = ScoringPolicy.defaults().outcome(c.event().type(), score);
        String detail = " (score " + score + ", hits " + evaluation.hits() + ")";
        assertEquals(c.reasons(), reasons, "reasons" + detail);
        assertEquals(c.outcome(), outcome, "outcome" + detail);
    }

    @Test
    void defaultPack_everyRuleIsCoveredByACase() {
        Set<String> covered = new TreeSet<>();
        for (RuleCase c : cases()) {
            RuleEvaluation evaluation = rules.evaluate(new RuleInput(c.event(), c.features()), EvaluationLimits.DEFAULT);
            evaluation.hits().stream().filter(h -> c.reasons().contains(h.code())).map(RuleHit::ruleId).forEach(covered::add);
        }
        Set<String> all = rules.rules().stream().map(RuleDescriptor::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(all);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "rules without a case that expects their reason: " + missing);
        assertTrue(all.size() >= 20, "the default pack should have at least 20 rules, has " + all.size());
    }

    @Test
    void defaultPack_letThroughCasesHaveNoStrongReason() {
        List<RuleCase> letThrough = cases().stream().filter(c -> c.name().startsWith("LET THROUGH")).toList();
        assertTrue(letThrough.size() >= 5, "expected the family, office and promo let-through cases, got " + letThrough.size());
        for (RuleCase c : letThrough) {
            RuleEvaluation evaluation = rules.evaluate(new RuleInput(c.event(), c.features()), EvaluationLimits.DEFAULT);
            int score = ScoringPolicy.score(evaluation.hits().stream().map(RuleHit::score).toList());
            assertTrue(score < ScoringPolicy.DEFAULT_THRESHOLDS.challenge(), c.name() + " scored " + score + ": " + evaluation.hits());
        }
    }

    @Test
    void defaultPack_noSingleWeakSignalBlocks() {
        for (RuleCase c : cases()) {
            RuleEvaluation evaluation = rules.evaluate(new RuleInput(c.event(), c.features()), EvaluationLimits.DEFAULT);
            for (RuleHit hit : evaluation.hits()) {
                assertTrue(hit.score() < ScoringPolicy.DEFAULT_THRESHOLDS.block(),
                        "rule " + hit.ruleId() + " blocks on its own with score " + hit.score());
            }
        }
    }
}
