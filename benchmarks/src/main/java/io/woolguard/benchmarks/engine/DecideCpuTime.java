package io.woolguard.benchmarks.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link DecideBenchmark}'s set-up and call, measured in the calling thread's CPU time and allocated
 * bytes, for a shared machine: on two cores that other builds keep busy, wall-clock percentiles mostly
 * measure the queue for a core; the CPU a decision takes on its own thread (and what it allocates)
 * hardly moves. Warms up, then measures rounds of decides and reports the median round with min and
 * max; the work the engine moved to its background threads is reported separately, as the process's
 * CPU per decide.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.engine.DecideCpuTime [rounds] [decides per round]
 * java -cp benchmarks/target/benchmarks.jar io.woolguard.benchmarks.engine.DecideCpuTime 15 20000
 * </pre>
 *
 * <p>Last measured: see docs/PERFORMANCE.md ("{@code decide} with the default pack and warm features").
 */
public final class DecideCpuTime {
    private static final int WARM_UP = 200_000;

    private DecideCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DecideBenchmark benchmark = new DecideBenchmark();
        benchmark.farmShare = 0.1;
        benchmark.setUp();
        try {
            for (int i = 0; i < WARM_UP; i++) {
                benchmark.decide();
            }
            double[] cpu = new double[rounds];
            double[] bytes = new double[rounds];
            double[] process = new double[rounds];
            long thread = Thread.currentThread().getId();
            for (int r = 0; r < rounds; r++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes0 = threads.getThreadAllocatedBytes(thread);
                long process0 = os.getProcessCpuTime();
                for (int i = 0; i < perRound; i++) {
                    benchmark.decide();
                }
                cpu[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000.0 / perRound;
                bytes[r] = (double) (threads.getThreadAllocatedBytes(thread) - bytes0) / perRound;
                process[r] = (os.getProcessCpuTime() - process0) / 1_000.0 / perRound;
                System.out.printf("round %2d: %.2f µs thread CPU, %.0f bytes allocated, %.2f µs process CPU per decide%n",
                        r + 1, cpu[r], bytes[r], process[r]);
            }
            System.out.printf("median of %d rounds of %,d decides: %.2f µs thread CPU (%.2f-%.2f), %.0f bytes allocated"
                            + " (%.0f-%.0f), %.2f µs process CPU (%.2f-%.2f) per decide; load average %.2f%n",
                    rounds, perRound, median(cpu), min(cpu), max(cpu), median(bytes), min(bytes), max(bytes),
                    median(process), min(process), max(process), os.getSystemLoadAverage());
        } finally {
            benchmark.tearDown();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
