package io.woolguard.benchmarks.rules;

import io.woolguard.benchmarks.traffic.SimulatedFeatures;
import io.woolguard.benchmarks.traffic.TrafficEvent;
import io.woolguard.benchmarks.traffic.TrafficModel;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleDescriptor;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleHit;
import io.woolguard.core.spi.RuleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link RuleScalingBenchmark} and {@link RuleScalingCpuTime} evaluate, and the checks both run
 * before measuring: 4,096 simulated events (10% farm) with the features they imply, and limits far
 * above the engine's default 50 ms budget so that no evaluation is cut short.
 */
final class ScalingInputs {
    /** A power of two: the next input is {@code index & (INPUTS - 1)}. */
    static final int INPUTS = 4_096;
    /** Generous bounds: the figures are of whole evaluations, never ones cut short by the budget. */
    static final EvaluationLimits LIMITS = new EvaluationLimits(100_000, Duration.ofSeconds(10));

    private ScalingInputs() {
    }

    /** The simulated inputs, the same on every call. */
    static RuleInput[] inputs() {
        PersonalDataHasher hasher = PersonalDataHasher.withSecret("benchmark-secret-not-for-production");
        List<TrafficEvent> traffic = TrafficModel.builder().seed(11).farmShare(0.1).legitUsers(20_000)
                .start(Instant.now()).build().next(INPUTS);
        SimulatedFeatures features = SimulatedFeatures.of(traffic, hasher);
        RuleInput[] inputs = new RuleInput[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = new RuleInput(traffic.get(i).event().protect(hasher), features.vectorFor(traffic.get(i), hasher));
        }
        return inputs;
    }

    /**
     * How a pack fires on traffic: evaluates {@code evaluations} inputs (cycling), throws if one fails.
     *
     * @return {inputs that fired at least one rule, hits}
     */
    static long[] fire(CompiledRules rules, RuleInput[] inputs, int evaluations) {
        long withHits = 0;
        long hits = 0;
        for (int i = 0; i < evaluations; i++) {
            RuleEvaluation evaluation = evaluate(rules, inputs[i & (INPUTS - 1)]);
            hits += evaluation.hits().size();
            withHits += evaluation.hits().isEmpty() ? 0 : 1;
        }
        return new long[] {withHits, hits};
    }

    /**
     * Checks that every rule of a generated pack can fire (is evaluated and reachable, not a condition
     * Drools could drop): each must fire on one of {@link GeneratedRules#probes()}. Throws otherwise.
     */
    static void checkEveryRuleFires(CompiledRules rules) {
        Set<String> fired = new HashSet<>();
        for (RuleInput probe : GeneratedRules.probes()) {
            for (RuleHit hit : evaluate(rules, probe).hits()) {
                fired.add(hit.ruleId());
            }
        }
        for (RuleDescriptor rule : rules.rules()) {
            if (!fired.contains(rule.id())) {
                throw new IllegalStateException("rule " + rule.id() + " fired on no probe: is it reachable?");
            }
        }
    }

    private static RuleEvaluation evaluate(CompiledRules rules, RuleInput input) {
        RuleEvaluation evaluation = rules.evaluate(input, LIMITS);
        if (evaluation.failed()) {
            throw new IllegalStateException("evaluation of " + input.event().eventId() + " failed: " + evaluation.failure());
        }
        return evaluation;
    }
}
