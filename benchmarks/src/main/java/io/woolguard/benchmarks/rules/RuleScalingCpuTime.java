package io.woolguard.benchmarks.rules;

import io.woolguard.benchmarks.traffic.SimulatedFeatures;
import io.woolguard.benchmarks.traffic.TrafficEvent;
import io.woolguard.benchmarks.traffic.TrafficModel;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.RulePack;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.EvaluationLimits;
import io.woolguard.core.spi.RuleEvaluation;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.rules.DroolsRulePackCompiler;
import io.woolguard.rules.RulePacks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@link RuleScalingBenchmark}'s measurement in thread CPU time, for a shared machine: on two cores
 * that other builds keep busy, wall-clock figures mostly measure the queue for a core, while the CPU
 * time one evaluation takes hardly moves. Same packs, same 4,096 simulated inputs, same generous
 * limits; every pack is warmed up (20,000 evaluations), then the packs are measured in interleaved
 * rounds (so a burst of load hits all sizes alike) and the median round is reported, with min and max.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.rules.RuleScalingCpuTime [packs] [rounds] [evaluations per round]
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.rules.RuleScalingCpuTime 10,100,1000,default 15 4000
 * </pre>
 *
 * <p>{@code packs}: generated pack sizes and/or {@code default} (the default pack). Also prints each
 * pack's compile time (wall and the compiling thread's CPU) and hits per evaluation.
 *
 * <p>Last measured: see docs/PERFORMANCE.md ("Rule-count scaling").
 */
public final class RuleScalingCpuTime {
    private static final int INPUTS = 4_096;
    private static final int WARM_UP = 20_000;
    private static final EvaluationLimits LIMITS = new EvaluationLimits(100_000, Duration.ofSeconds(10));

    private RuleScalingCpuTime() {
    }

    public static void main(String[] args) {
        String[] packs = (args.length > 0 ? args[0] : "10,100,1000,default").split(",");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PersonalDataHasher hasher = PersonalDataHasher.withSecret("benchmark-secret-not-for-production");
        List<TrafficEvent> traffic = TrafficModel.builder().seed(11).farmShare(0.1).legitUsers(20_000)
                .start(Instant.now()).build().next(INPUTS);
        SimulatedFeatures features = SimulatedFeatures.of(traffic, hasher);
        RuleInput[] inputs = new RuleInput[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = new RuleInput(traffic.get(i).event().protect(hasher), features.vectorFor(traffic.get(i), hasher));
        }
        CompiledRules[] compiled = new CompiledRules[packs.length];
        for (int p = 0; p < packs.length; p++) {
            RulePack pack = packs[p].equals("default") ? RulePacks.defaultPack() : GeneratedRules.pack(Integer.parseInt(packs[p]), 0);
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            compiled[p] = new DroolsRulePackCompiler().compile(pack);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            long hits = 0;
            for (int i = 0; i < WARM_UP; i++) {
                RuleEvaluation evaluation = compiled[p].evaluate(inputs[i & (INPUTS - 1)], LIMITS);
                if (evaluation.failed()) {
                    throw new IllegalStateException("evaluation of input " + (i & (INPUTS - 1)) + " failed: " + evaluation.failure());
                }
                hits += evaluation.hits().size();
            }
            System.out.printf("pack %-8s %4d rules: compile + warm-up %,d ms wall, %,d ms CPU; %.2f hits per evaluation%n",
                    packs[p], compiled[p].rules().size(), wall / 1_000_000, cpu / 1_000_000, hits / (double) WARM_UP);
        }
        double[][] micros = new double[packs.length][rounds];
        int next = 0;
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < packs.length; p++) {
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    compiled[p].evaluate(inputs[next++ & (INPUTS - 1)], LIMITS);
                }
                micros[p][r] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / perRound;
            }
        }
        for (int p = 0; p < packs.length; p++) {
            double[] sorted = micros[p].clone();
            Arrays.sort(sorted);
            System.out.printf("pack %-8s CPU µs per evaluation: median %.2f (min %.2f, max %.2f) over %d rounds of %,d%n",
                    packs[p], sorted[rounds / 2], sorted[0], sorted[rounds - 1], rounds, perRound);
        }
    }
}
