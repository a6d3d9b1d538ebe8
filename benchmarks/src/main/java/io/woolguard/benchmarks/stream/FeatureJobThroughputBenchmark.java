package io.woolguard.benchmarks.stream;

import io.woolguard.stream.FeatureJob;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.FeatureOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Events per second through the whole {@link FeatureJob} (every operator: late-event filter,
 * entity split, windowed and distinct-count entity features, the linked-account graph) on a local
 * MiniCluster at parallelism 2 with the RocksDB state backend and checkpoints every 10 s, fed by
 * {@link SimulatedInputSource} (simulated traffic, 10% farm, event time advancing at 2,000 events/s)
 * into a counting sink. Target (issue #3): ≥ 50,000 events/s on 2 cores.
 *
 * <p>Each size runs as its own job in one JVM. The clock runs from the first event read to the
 * feature update of the last event of every split (a marker device, see {@link MarkerSink}); the
 * job is then cancelled. This leaves out deployment and the end-of-input cascade a bounded job
 * triggers (its final watermark fires every window's expiry timer at once, work an unbounded
 * stream spreads over days). The graph operator (parallelism 1) is included through
 * back-pressure, except for what is still buffered when the markers arrive. The marginal rate
 * between consecutive sizes cancels fixed costs. On a shared machine the wall-clock rate depends
 * on what else runs, so the process CPU time is reported too: events per CPU-second, times the
 * parallelism, is what the job would do with its cores to itself. So is the CPU time of the job's
 * task threads alone (source chain, entity and graph operators), which leaves out the JIT compiler,
 * GC, RocksDB's background threads and the MiniCluster.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -Xmx2g [-Dwoolguard.bench.entityCacheSize=N] -cp benchmarks/target/benchmarks.jar \
 *     io.woolguard.benchmarks.stream.FeatureJobThroughputBenchmark [events ...]   # default: 200000 1000000
 * </pre>
 *
 * <p>Last measured 2026-12-01 15:53–15:59 UTC on a quiet machine (2 cores, JDK 17, jar of e1d2de0,
 * write-back entity cache of 150,000 entities a subtask) with {@code 200000 3000000}: 50,351 events/s
 * with {@code -XX:+UseParallelGC}, 45,484 with G1 (the default); with {@code 200000 1000000}: the
 * 1,000,000-event job 36,715–41,352 events/s, the marginal rate 47,528–61,483. The 200,000-event job
 * spends about a fifth of its CPU in the JIT. Target ≥ 50,000 events/s: met with the parallel
 * collector on the 3,000,000-event job, 9% short with G1; see docs/PERFORMANCE.md.
 */
public final class FeatureJobThroughputBenchmark {
    private static final int PARALLELISM = 2;
    private static final double EVENT_TIME_RATE = 2_000;

    private FeatureJobThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        long[] sizes = args.length == 0 ? new long[] {200_000, 1_000_000} : parse(args);
        SimulatedInputSource.preparePool(50_000, 0.1, 42);
        System.out.printf(Locale.ROOT, "feature job throughput: parallelism %d, RocksDB state, checkpoints every 10 s, %d cores%n",
                PARALLELISM, Runtime.getRuntime().availableProcessors());
        // a small run first: class loading, JIT and the MiniCluster's first job are not what we measure
        run(20_000, false);
        double previousEvents = 0;
        double previousSeconds = 0;
        for (long size : sizes) {
            double seconds = run(size, true);
            if (previousEvents > 0 && size > previousEvents) {
                System.out.printf(Locale.ROOT, "   marginal: %,.0f events/s between %,.0f and %,d events%n",
                        (size - previousEvents) / (seconds - previousSeconds), previousEvents, size);
            }
            previousEvents = size;
            previousSeconds = seconds;
        }
    }

    private static double run(long events, boolean report) throws Exception {
        Path checkpoints = Files.createTempDirectory("woolguard-bench-checkpoints");
        JobClient job = null;
        try {
            Configuration conf = FeatureJob.flinkConfiguration(checkpoints, Duration.ofSeconds(10));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
            long start = Instant.parse("2026-11-11T00:00:00Z").toEpochMilli();
            new FeatureJob(new SimulatedInputSource(events, start, EVENT_TIME_RATE), new MarkerSink(), config()).addTo(env);
            SimulatedInputSource.FIRST_READ_NANOS.set(0);
            MarkerSink.expect(PARALLELISM);
            long cpuBefore = processCpuNanos();
            long submitted = System.nanoTime();
            job = env.executeAsync("feature-job-throughput-" + events);
            if (!MarkerSink.markers.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the job did not process " + events + " events within 30 minutes");
            }
            double seconds = (MarkerSink.lastMarkerNanos - SimulatedInputSource.FIRST_READ_NANOS.get()) / 1e9;
            double sinceSubmit = (MarkerSink.lastMarkerNanos - submitted) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            Map<String, Double> taskCpu = taskThreadCpuSeconds();
            double taskSeconds = taskCpu.values().stream().mapToDouble(Double::doubleValue).sum();
            if (report) {
                System.out.printf(Locale.ROOT,
                        "== %,d events in %.2f s (first read -> last event through): %,.0f events/s; %,d feature updates; "
                                + "%.2f s since submission%n"
                                + "   process CPU %.1f s since submission: %,.0f events per CPU-second "
                                + "(= %,.0f events/s if the job had %d cores to itself)%n",
                        events, seconds, events / seconds, MarkerSink.OUTPUTS.get(), sinceSubmit,
                        cpuSeconds, events / cpuSeconds, events / cpuSeconds * PARALLELISM, PARALLELISM);
                StringBuilder byTask = new StringBuilder();
                taskCpu.forEach((task, s) -> byTask.append(String.format(Locale.ROOT, "; %s %.1f s", task, s)));
                System.out.printf(Locale.ROOT, "   task threads CPU %.1f s: %,.0f events per task-CPU-second%s%n",
                        taskSeconds, events / taskSeconds, byTask);
            }
            return seconds;
        } finally {
            if (job != null) {
                // the run is measured: cancel rather than wait for end-of-input timers to expire every window
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            try (var paths = Files.walk(checkpoints)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The defaults, or with {@code -Dwoolguard.bench.entityCacheSize=N} another entity cache size (to compare). */
    private static FeatureJobConfig config() {
        Integer cacheSize = Integer.getInteger("woolguard.bench.entityCacheSize");
        return cacheSize == null ? FeatureJobConfig.defaults()
                : FeatureJobConfig.builder().entityCacheSize(cacheSize).build();
    }

    /**
     * CPU time of the job's task threads (source chain, entity-features subtasks, graph-features),
     * summed by operator, since each thread started: the job's own work, without the JIT compiler,
     * GC, RocksDB's background threads and the MiniCluster, which a 200,000-event run does not
     * amortise and which vary with the machine's load. Read while the job still runs.
     */
    static Map<String, Double> taskThreadCpuSeconds() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Double> byTask = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String task = name.startsWith("Source: feature-input") ? "source"
                    : name.startsWith("entity-features") ? "entity-features"
                    : name.startsWith("graph-features") ? "graph-features" : null;
            long nanos = task == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                byTask.merge(task, nanos / 1e9, Double::sum);
            }
        }
        return byTask;
    }

    /** CPU time of this whole JVM (every thread: tasks, GC, checkpoints, RocksDB compaction). */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static long[] parse(String[] args) {
        long[] sizes = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            try {
                sizes[i] = Long.parseLong(args[i].replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("event counts must be whole numbers, got '" + args[i] + "'");
            }
            if (sizes[i] < 1_000 || sizes[i] > 100_000_000) {
                throw new IllegalArgumentException("event counts must be between 1,000 and 100,000,000, got " + sizes[i]);
            }
        }
        return sizes;
    }

    static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    }
}
