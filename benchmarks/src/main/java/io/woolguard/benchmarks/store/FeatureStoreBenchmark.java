package io.woolguard.benchmarks.store;

import io.woolguard.benchmarks.support.Directories;
import io.woolguard.benchmarks.traffic.Zipf;
import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.internal.store.FeatureStore;
import io.woolguard.core.internal.store.RocksStore;
import io.woolguard.core.internal.store.StoredFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one entity's stored features, 10,000 or 1,000,000 device entities with seven features
 * each, in RocksDB on disk:
 * <ul>
 *   <li>{@code coldRead}: a store whose cache holds nothing, keys uniform over every entity, so
 *       every read is a RocksDB get plus decoding (the cache-miss path of {@code decide});</li>
 *   <li>{@code cachedRead}: the engine's default cache (100,000 entries), keys Zipf-skewed
 *       (exponent 0.99) and pre-warmed: what {@code decide} sees in steady state. With 1M entities
 *       the tail still misses sometimes, as it would in production.</li>
 * </ul>
 * The database is built once per entity count under {@code java.io.tmpdir} and reused by later
 * runs (a marker file says it is complete), so set-up stays short.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar FeatureStoreBenchmark -wi 3 -i 5 -f 1
 * </pre>
 *
 * <p>Last measured 2026-11-22, 2 shared cores (load ~12), JDK 17: cold read p50 6.5 µs (10k) and
 * 29.5 µs (1M); cached read p50 0.14 µs (10k) and 0.27 µs (1M). Details in docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FeatureStoreBenchmark {
    private static final int KEYS = 1 << 16;
    private static final long CACHE_SIZE = 100_000;

    /** How many entities the store holds. */
    @Param({"10000", "1000000"})
    public int entities;

    private RocksStore rocks;
    private FeatureStore cold;
    private FeatureStore cached;
    private String[] uniformKeys;
    private String[] skewedKeys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "woolguard-jmh-featurestore-" + entities);
        Path marker = directory.resolve("complete");
        if (!Files.exists(marker)) {
            Directories.deleteRecursively(directory);
            Files.createDirectories(directory);
        }
        rocks = RocksStore.open(directory);
        cold = new FeatureStore(rocks, 0);
        cached = new FeatureStore(rocks, CACHE_SIZE);
        if (!Files.exists(marker)) {
            populate();
            rocks.flush();
            Files.writeString(marker, "entities=" + entities + "\n");
        }
        SplittableRandom random = new SplittableRandom(99);
        Zipf zipf = new Zipf(entities, 0.99);
        uniformKeys = new String[KEYS];
        skewedKeys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            uniformKeys[i] = deviceId(random.nextInt(entities));
            skewedKeys[i] = deviceId(scramble(zipf.sample(random), entities));
        }
        for (String key : skewedKeys) {
            if (cached.read(EntityType.DEVICE, key).isEmpty()) {
                throw new IllegalStateException("entity " + key + " has no stored features: delete " + directory);
            }
        }
    }

    private void populate() {
        SplittableRandom random = new SplittableRandom(entities);
        long now = System.currentTimeMillis();
        List<FeatureUpdate> batch = new ArrayList<>(10_000);
        for (int i = 0; i < entities; i++) {
            double accounts = 1 + random.nextInt(3);
            batch.add(new FeatureUpdate(EntityType.DEVICE, deviceId(i), Map.of(
                    FeatureNames.DEVICE_ACCOUNTS_1H, accounts,
                    FeatureNames.DEVICE_ACCOUNTS_24H, accounts,
                    FeatureNames.DEVICE_ACCOUNTS_7D, accounts + random.nextInt(2),
                    FeatureNames.DEVICE_CLAIMS_1H, (double) random.nextInt(3),
                    FeatureNames.DEVICE_CLAIMS_24H, (double) random.nextInt(8),
                    FeatureNames.DEVICE_IPS_24H, 1.0 + random.nextInt(3),
                    FeatureNames.DEVICE_FIRST_SEEN, (double) (now - random.nextInt(1_000_000_000))), now));
            if (batch.size() == 10_000) {
                cold.apply(batch);
                batch.clear();
            }
        }
        cold.apply(batch);
    }

    /** Popular ranks spread over the key space rather than clustered at its start. */
    private static long scramble(long rank, long n) {
        return Math.floorMod(rank * 0x9E3779B97F4A7C15L, n);
    }

    private static String deviceId(long i) {
        return "d-" + i;
    }

    @Benchmark
    public StoredFeatures coldRead() {
        String key = uniformKeys[next];
        next = (next + 1) & (KEYS - 1);
        return cold.read(EntityType.DEVICE, key);
    }

    @Benchmark
    public StoredFeatures cachedRead() {
        String key = skewedKeys[next];
        next = (next + 1) & (KEYS - 1);
        return cached.read(EntityType.DEVICE, key);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rocks.close();
    }
}
