package io.woolguard.stream.embedded;

import io.woolguard.core.Decision;
import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.RiskEngine;
import io.woolguard.stream.io.testing.IoFixtures;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly one RocksDB JNI build in the JVM (STACK.md's trap): risk-stream excludes core's
 * {@code org.rocksdb:rocksdbjni}, so Flink's {@code com.ververica:frocksdbjni} serves both the
 * engine's feature store and Flink's RocksDB state backend, TTL compaction filter included.
 */
class RocksDbSingleBuildIT {
    @TempDir
    Path dir;

    @Test
    void classpath_holdsOnlyFlinksRocksDbBuild() throws Exception {
        URL source = org.rocksdb.RocksDB.class.getProtectionDomain().getCodeSource().getLocation();
        assertTrue(source.toString().contains("frocksdbjni"), "org.rocksdb.RocksDB loaded from " + source);
        assertNotNull(Class.forName("org.rocksdb.FlinkCompactionFilter"),
                "Flink's TTL compaction filter exists only in frocksdbjni");
        List<URL> copies = Collections.list(getClass().getClassLoader().getResources("org/rocksdb/RocksDB.class"));
        assertEquals(1, copies.size(), "one jar ships org.rocksdb.RocksDB: " + copies);
    }

    @Test
    void engineFeatureStoreAndFlinkTtlStateOnRocksDb_workInOneJvm() throws Exception {
        try (RiskEngine engine = IoFixtures.engine(dir.resolve("engine"))) {
            // valid as of an hour before the engine's clock (T0 + 1 day): a 24 h count a whole window
            // old reads 0 since risk-core f0adcb4, and this test is about RocksDB, not staleness
            engine.applyFeatureUpdates(List.of(new FeatureUpdate(EntityType.DEVICE, "d-1",
                    Map.of("device.accounts_24h", 7.0), IoFixtures.T0.plus(Duration.ofHours(23)).toEpochMilli())));
            Decision decision = engine.decide(IoFixtures.farmClaim(1));
            assertEquals("e-1", decision.eventId());

            Path rocksLocal = Files.createDirectories(dir.resolve("flink-rocksdb"));
            Map<Integer, Tuple3<Integer, Long, Boolean>> last = runTtlJob(rocksLocal);

            assertEquals(10, last.size(), "one final count per key");
            for (Tuple3<Integer, Long, Boolean> result : last.values()) {
                assertEquals(100L, result.f1, "key " + result.f0 + " counted in TTL state");
            }
            assertTrue(last.values().stream().anyMatch(r -> r.f2),
                    "the state lived in RocksDB files under " + rocksLocal);

            // the engine's RocksDB still serves reads and writes after Flink's ran in the same JVM
            assertEquals(7.0, engine.features(EntityType.DEVICE, "d-1").get("device.accounts_24h"));
            assertTrue(engine.findDecision("e-1").isPresent(), "the decision was stored in the engine's RocksDB");
        }
    }

    private static Map<Integer, Tuple3<Integer, Long, Boolean>> runTtlJob(Path rocksLocal) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksLocal.toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        List<Integer> values = IntStream.range(0, 1_000).boxed().toList();
        Map<Integer, Tuple3<Integer, Long, Boolean>> last = new HashMap<>();
        try (CloseableIterator<Tuple3<Integer, Long, Boolean>> results = env.fromData(values)
                .keyBy(v -> v % 10)
                .process(new TtlCounter(rocksLocal.toString()))
                .executeAndCollect("rocksdb-ttl-check")) {
            results.forEachRemaining(r -> last.merge(r.f0, r, (a, b) -> b.f1 > a.f1 ? b : a));
        }
        return last;
    }

    /** Counts per key in a ValueState with TTL cleaned by RocksDB's compaction filter (FlinkCompactionFilter). */
    private static final class TtlCounter extends KeyedProcessFunction<Integer, Integer, Tuple3<Integer, Long, Boolean>> {
        private final String rocksLocal;
        private transient ValueState<Long> count;

        TtlCounter(String rocksLocal) {
            this.rocksLocal = rocksLocal;
        }

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>("count", Long.class);
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofHours(1))
                    .cleanupInRocksdbCompactFilter(1_000).build());
            count = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Integer value, Context ctx, Collector<Tuple3<Integer, Long, Boolean>> out)
                throws IOException {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(Tuple3.of(ctx.getCurrentKey(), next, next == 100 && rocksFilesPresent()));
        }

        /**
         * Whether a RocksDB instance lives under the local directory. The other subtask's instance
         * directory vanishes while this one walks when that subtask finishes first: walk again then
         * (this subtask's own instance cannot go while it processes).
         */
        private boolean rocksFilesPresent() throws IOException {
            for (int attempt = 1; ; attempt++) {
                try (Stream<Path> files = Files.walk(Path.of(rocksLocal))) {
                    return files.anyMatch(p -> p.getFileName().toString().equals("CURRENT"));
                } catch (UncheckedIOException e) {
                    if (!(e.getCause() instanceof NoSuchFileException) || attempt == 10) {
                        throw e;
                    }
                }
            }
        }
    }
}
