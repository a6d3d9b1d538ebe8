package io.woolguard.benchmarks.rules;

import io.woolguard.core.RulePack;
import io.woolguard.core.spi.CompiledRules;
import io.woolguard.core.spi.RuleInput;
import io.woolguard.rules.DroolsRulePackCompiler;
import io.woolguard.rules.RulePacks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
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
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.rules.RuleScalingCpuTime [packs] [rounds] [evaluations per round] [firing]
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.rules.RuleScalingCpuTime 10,100,1000,default 15 4000
 * </pre>
 *
 * <p>{@code packs}: generated pack sizes and/or {@code default} (the default pack). {@code firing}:
 * {@code proportional}, {@code constant} or {@code both} (the default): which
 * {@link GeneratedRules.Firing} variant of each generated size (up to 10 rules the two are one pack,
 * measured once). Every generated rule is checked to fire on a probe first. Also prints each pack's
 * compile time (wall and the compiling thread's CPU), hits per evaluation and the share of
 * evaluations that fire.
 *
 * <p>Last measured: see docs/PERFORMANCE.md ("Rule-count scaling").
 */
public final class RuleScalingCpuTime {
    private static final int WARM_UP = 20_000;

    private RuleScalingCpuTime() {
    }

    public static void main(String[] args) {
        String[] sizes = (args.length > 0 ? args[0] : "10,100,1000,default").split(",");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
        String firings = args.length > 3 ? args[3] : "both";
        List<GeneratedRules.Firing> variants = firings.equals("both")
                ? List.of(GeneratedRules.Firing.PROPORTIONAL, GeneratedRules.Firing.CONSTANT)
                : List.of(GeneratedRules.Firing.of(firings));
        List<String> labels = new ArrayList<>();
        List<RulePack> packs = new ArrayList<>();
        for (String size : sizes) {
            if (size.equals("default")) {
                labels.add("default");
                packs.add(RulePacks.defaultPack());
                continue;
            }
            int count = Integer.parseInt(size);
            for (GeneratedRules.Firing firing : variants) {
                RulePack pack = GeneratedRules.pack(count, 0, firing);
                if (packs.stream().noneMatch(p -> p.name().equals(pack.name()))) { // up to 10 rules both are one pack
                    labels.add(pack.name().substring("generated-".length())); // "1000", "1000-constant"
                    packs.add(pack);
                }
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RuleInput[] inputs = ScalingInputs.inputs();
        CompiledRules[] compiled = new CompiledRules[packs.size()];
        for (int p = 0; p < compiled.length; p++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            compiled[p] = new DroolsRulePackCompiler().compile(packs.get(p));
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            if (!labels.get(p).equals("default")) {
                ScalingInputs.checkEveryRuleFires(compiled[p]);
            }
            long[] fired = ScalingInputs.fire(compiled[p], inputs, WARM_UP);
            System.out.printf("pack %-18s %4d rules: compile + warm-up %,d ms wall, %,d ms CPU; %.2f hits per evaluation, %.1f%% of"
                            + " evaluations fire%n", labels.get(p), compiled[p].rules().size(), wall / 1_000_000, cpu / 1_000_000,
                    fired[1] / (double) WARM_UP, 100.0 * fired[0] / WARM_UP);
        }
        double[][] micros = new double[compiled.length][rounds];
        int next = 0;
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < compiled.length; p++) {
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    compiled[p].evaluate(inputs[next++ & (ScalingInputs.INPUTS - 1)], ScalingInputs.LIMITS);
                }
                micros[p][r] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / perRound;
            }
        }
        for (int p = 0; p < compiled.length; p++) {
            double[] sorted = micros[p].clone();
            Arrays.sort(sorted);
            System.out.printf("pack %-18s CPU µs per evaluation: median %.2f (min %.2f, max %.2f) over %d rounds of %,d%n",
                    labels.get(p), sorted[rounds / 2], sorted[0], sorted[rounds - 1], rounds, perRound);
        }
    }
}
