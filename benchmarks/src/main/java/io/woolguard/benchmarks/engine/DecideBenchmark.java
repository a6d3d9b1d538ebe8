package io.woolguard.benchmarks.engine;

import io.woolguard.benchmarks.support.Directories;
import io.woolguard.benchmarks.traffic.SimulatedFeatures;
import io.woolguard.benchmarks.traffic.TrafficEvent;
import io.woolguard.benchmarks.traffic.TrafficModel;
import io.woolguard.core.Decision;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.rules.RulePacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code RiskEngine.decide} with the default rule pack and a warm feature store, one thread:
 * personal-data hashing, list checks, live velocity counters, the feature read (cached), the
 * default pack's evaluation, scoring, and the durable decision write (an append to the decision log's
 * memory-mapped segment; its RocksDB write runs on the log's background thread). Every call
 * decides a new {@code eventId} (a fresh copy of a pooled simulated event), so idempotency never
 * short-circuits it. Targets (issue #2): p50 ≤ 10 µs, p99 ≤ 50 µs.
 *
 * <p>Set-up: 20,000 simulated events (10% farm) from 100,000 customers and 40 farms, naming ~119k
 * distinct entities; the features they imply ({@link SimulatedFeatures}) are written to the store,
 * then every pooled event is decided once so the feature cache (sized to hold them all) is warm. The engine's clock is the system clock and events
 * carry no {@code occurredAt}, so live velocity windows roll as in production.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar DecideBenchmark -wi 3 -i 5 -f 1
 * </pre>
 *
 * <p>Last measured 2026-12-02 01:39–01:40 UTC on a shared 2-core machine (load 2.1–2.4), JDK 17, alternating
 * with the jar of {@code a799b3b} (before one look-up per entity, feature-name codes and regex-free
 * normalization): p50 20.0 and 24.6 µs (before: 21.9, 30.9), p99 103.0 and 150.5 µs (before: 91.0, 266.4).
 * On a quiet machine: {@code 8fd10b6} at 03:29 UTC the same day, p50 20.8 µs, p99 120.8 µs; {@code e792fc5} the
 * evening before, p50 21.0, 22.0 µs, p99 77.6, 80.9 µs. Misses the
 * targets by 2–2.5× at p50 and 1.6–3× at p99. Details, thread CPU per decide ({@link DecideCpuTime}) and the
 * profile in docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class DecideBenchmark {
    private static final int POOL = 20_000;
    /** Entities the engine keeps in memory: more than the pool's ~119k distinct entities. */
    private static final long WORKING_SET = 250_000;

    /** Share of farm traffic in the pooled events. */
    @Param({"0.1"})
    public double farmShare;

    private Path directory;
    private RiskEngine engine;
    private RiskEvent[] pool;
    private long calls;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("woolguard-jmh-decide");
        // the pool names ~119k distinct entities: size the feature cache and the live counters to hold
        // them, so that this measures the cached path (the cold read is FeatureStoreBenchmark's)
        engine = RiskEngine.builder().dataDirectory(directory).rules(RulePacks.defaultPack())
                .featureCacheSize(WORKING_SET).liveCounterLimit(WORKING_SET).build();
        List<TrafficEvent> traffic = TrafficModel.builder().seed(7).farmShare(farmShare).legitUsers(100_000).farms(40)
                .eventIdPrefix("warm").start(java.time.Instant.now()).build().next(POOL);
        engine.applyFeatureUpdates(SimulatedFeatures.of(traffic, engine.hasher()).updates());
        pool = new RiskEvent[POOL];
        for (int i = 0; i < POOL; i++) {
            pool[i] = traffic.get(i).event().withOccurredAt(null);
            engine.decide(pool[i]);
        }
    }

    @Benchmark
    public Decision decide() {
        RiskEvent template = pool[next];
        next = next + 1 == POOL ? 0 : next + 1;
        RiskEvent event = new RiskEvent("bench-" + calls++, template.type(), null, template.account(), template.device(),
                template.network(), template.coupon(), template.order(), template.attributes());
        return engine.decide(event);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        Directories.deleteRecursively(directory);
    }
}
