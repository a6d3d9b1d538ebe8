package io.woolguard.stream.embedded;

import io.woolguard.core.Decision;
import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.Label;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.RiskEvent;
import io.woolguard.stream.FeatureInput;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.io.testing.IoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The embedded pipeline end to end on real parts: the engine (RocksDB on disk), the journal, the
 * feature job on an in-process MiniCluster with RocksDB state and checkpoints.
 */
class EmbeddedFeaturePipelineIT {
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    /**
     * Short idleness so the source surely goes idle during each test (that once emptied every
     * window); 64 KiB journal segments so retention deletes segments while the job runs.
     */
    private static final EmbeddedPipelineConfig CONFIG = EmbeddedPipelineConfig.defaults()
            .withCheckpointInterval(Duration.ofMillis(300))
            .withJournal(JournalConfig.defaults().withSegmentBytes(64 * 1024))
            .withFeatureJob(FeatureJobConfig.builder().sourceIdleness(Duration.ofMillis(300)).build());

    @TempDir
    Path dir;

    @Test
    void decide_featuresFromTheJobAppearInTheEngine() throws Exception {
        Path data = dir.resolve("data");
        List<String> sinkCalls = Collections.synchronizedList(new ArrayList<>());
        try (EventJournal journal = EventJournal.open(EmbeddedFeaturePipeline.journalDirectory(data), CONFIG.journal());
             RiskEngine engine = IoFixtures.engine(data.resolve("engine"), journal);
             EmbeddedFeaturePipeline pipeline = EmbeddedFeaturePipeline.start(recordingFeatureCalls(engine, sinkCalls),
                     journal, data, CONFIG)) {
            assertTrue(pipeline.awaitRunning(PATIENCE), "the feature job runs");
            assertTrue(pipeline.restoredFrom().isEmpty(), "a fresh data directory has no checkpoint");

            for (int i = 0; i < 200; i++) {
                Decision decision = engine.decide(IoFixtures.farmClaim(i));
                assertEquals("e-" + i, decision.eventId());
                assertTrue(decision.degradedReason() == null || !decision.degradedReason().contains("stream"),
                        "the journal accepted e-" + i + ": " + decision);
            }
            assertEquals(200, journal.endOffset(), "every accepted event is in the journal before decide returned");

            // device d-3 is used by accounts u-3, u-13, u-23, u-33, u-43, 20 claims, all within a day
            awaitTrue(() -> engine.features(EntityType.DEVICE, "d-3").get(FeatureNames.DEVICE_ACCOUNTS_24H) == 5
                            && engine.features(EntityType.DEVICE, "d-3").get(FeatureNames.DEVICE_CLAIMS_24H) == 20,
                    () -> "device d-3 features: " + engine.features(EntityType.DEVICE, "d-3"));
            awaitTrue(() -> pipeline.lag() == 0, () -> "lag " + pipeline.lag());
            assertTrue(pipeline.isRunning());
            // a lag of 0 says the job has read every record, not that the sink has applied their updates yet
            awaitTrue(() -> engine.features(EntityType.ACCOUNT, "u-7").get(FeatureNames.ACCOUNT_CLAIMS_24H) == 4,
                    () -> "u-7 claimed as e-7, e-57, e-107, e-157: " + engine.features(EntityType.ACCOUNT, "u-7"));

            // the sink holds its updates in the engine's memory and has them written before each checkpoint
            awaitTrue(() -> journal.committedOffset() == 200, () -> "checkpointed offset " + journal.committedOffset());
            awaitTrue(() -> lastOf(sinkCalls).equals("flushFeatureUpdates"), () -> "the sink's last calls: "
                    + sinkCalls.subList(Math.max(0, sinkCalls.size() - 5), sinkCalls.size()));
            assertFalse(sinkCalls.contains("applyFeatureUpdates"), "every update is applied deferred: " + Set.copyOf(sinkCalls));
            assertTrue(sinkCalls.contains("applyFeatureUpdatesDeferred"), Set.copyOf(sinkCalls).toString());
        }
    }

    /** {@code engine}, noting each call of its feature-update methods in {@code calls}. */
    private static RiskEngine recordingFeatureCalls(RiskEngine engine, List<String> calls) {
        return (RiskEngine) Proxy.newProxyInstance(RiskEngine.class.getClassLoader(), new Class<?>[] {RiskEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("applyFeatureUpdates") || method.getName().equals("flushFeatureUpdates")) {
                        calls.add(method.getName());
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String lastOf(List<String> calls) {
        synchronized (calls) {
            return calls.isEmpty() ? "" : calls.get(calls.size() - 1);
        }
    }

    @Test
    void restartFromCheckpoint_midStream_givesTheSameFeaturesAsOneRunOverTheWholeLog() throws Exception {
        List<Object> log = history(3_000);

        // Run A: half the log, a completed checkpoint, the rest appended, cancelled mid-stream, restarted.
        Path dataA = dir.resolve("a");
        try (EventJournal journal = EventJournal.open(EmbeddedFeaturePipeline.journalDirectory(dataA), CONFIG.journal());
             RiskEngine engine = IoFixtures.engine(dataA.resolve("engine"))) {
            appendAll(journal, log.subList(0, 1_500));
            long committedBeforeKill;
            try (EmbeddedFeaturePipeline first = EmbeddedFeaturePipeline.start(engine, journal, dataA, CONFIG)) {
                assertTrue(first.awaitRunning(PATIENCE));
                awaitTrue(() -> journal.committedOffset() >= 1_000,
                        () -> "a checkpoint covering 1,000 records, committed " + journal.committedOffset());
                appendAll(journal, log.subList(1_500, log.size()));
                committedBeforeKill = journal.committedOffset();
            } // cancelled here: whatever it read after its last checkpoint is replayed by the next run
            assertTrue(committedBeforeKill < log.size(), "killed before the whole log was checkpointed: "
                    + committedBeforeKill);
            // segments below a completed checkpoint are deleted just after its offset is published: wait for it
            awaitTrue(() -> journal.startOffset() > 0,
                    () -> "retention deleted segments below a completed checkpoint, start offset " + journal.startOffset());

            try (EmbeddedFeaturePipeline second = EmbeddedFeaturePipeline.start(engine, journal, dataA, CONFIG)) {
                assertTrue(second.restoredFrom().isPresent(), "the restart resumes from the retained checkpoint");
                assertTrue(second.awaitRunning(PATIENCE));
                awaitTrue(() -> second.lag() == 0, () -> "lag " + second.lag());

                // Run B: one uninterrupted run over the whole log.
                Path dataB = dir.resolve("b");
                try (EventJournal journalB = EventJournal.open(EmbeddedFeaturePipeline.journalDirectory(dataB),
                        CONFIG.journal());
                     RiskEngine reference = IoFixtures.engine(dataB.resolve("engine"));
                     EmbeddedFeaturePipeline whole = EmbeddedFeaturePipeline.start(reference, journalB, dataB, CONFIG)) {
                    appendAll(journalB, log);
                    assertTrue(whole.awaitRunning(PATIENCE));
                    awaitTrue(() -> whole.lag() == 0, () -> "lag " + whole.lag());
                    // Both runs must be compared at the same watermark: windows slide on event-time
                    // timers, and which of them fire after the end of the log depends on when each run's
                    // source went idle. One later claim elsewhere takes both to the same event time.
                    List<Object> sentinel = List.of(IoFixtures.claim("sentinel", "u-sentinel", "d-sentinel",
                            "198.51.100.250", log.size() + 30));
                    appendAll(journal, sentinel);
                    appendAll(journalB, sentinel);
                    awaitTrue(() -> second.lag() == 0 && whole.lag() == 0,
                            () -> "lag " + second.lag() + " and " + whole.lag() + " after the sentinel");

                    Set<Map.Entry<EntityType, String>> entities = entitiesOf(log);
                    awaitTrue(() -> streamFeatures(engine, entities).equals(streamFeatures(reference, entities)),
                            () -> "features differ: " + difference(streamFeatures(engine, entities),
                                    streamFeatures(reference, entities)));
                    Map<String, Map<String, Double>> features = streamFeatures(reference, entities);
                    assertEquals(5.0, features.get("DEVICE d-3").get(FeatureNames.DEVICE_ACCOUNTS_24H),
                            "the comparison is over real values: " + features.get("DEVICE d-3"));
                    assertEquals(300.0, features.get("DEVICE d-3").get(FeatureNames.DEVICE_CLAIMS_24H));
                }
            }
        }
    }

    /**
     * The job's status turns RUNNING as soon as its tasks are deployed, before they have opened and
     * restored their state; readiness must wait for the tasks. Here they never get there: the state
     * files of the checkpoint they restore from are gone, so every attempt fails while initialising
     * and the job restarts again and again, RUNNING each time in between.
     */
    @Test
    void awaitRunning_waitsForTheTasks_notJustTheJobsStatus() throws Exception {
        Path data = dir.resolve("lost-state");
        try (EventJournal journal = EventJournal.open(EmbeddedFeaturePipeline.journalDirectory(data), CONFIG.journal());
             RiskEngine engine = IoFixtures.engine(data.resolve("engine"))) {
            appendAll(journal, history(1_500));
            try (EmbeddedFeaturePipeline first = EmbeddedFeaturePipeline.start(engine, journal, data, CONFIG)) {
                assertTrue(first.awaitRunning(PATIENCE));
                awaitTrue(() -> journal.committedOffset() >= 1_500,
                        () -> "a checkpoint covering the whole log, committed " + journal.committedOffset());
            }
            Path checkpoints = EmbeddedFeaturePipeline.checkpointDirectory(data);
            List<Path> stateFiles;
            try (var files = Files.walk(checkpoints)) {
                stateFiles = files.filter(Files::isRegularFile)
                        .filter(file -> !file.getFileName().toString().equals("_metadata"))
                        .toList();
            }
            assertTrue(stateFiles.size() >= 3, "the checkpoint keeps its state in files, not all inline: " + stateFiles);
            for (Path file : stateFiles) {
                Files.delete(file);
            }

            try (EmbeddedFeaturePipeline second = EmbeddedFeaturePipeline.start(engine, journal, data, CONFIG)) {
                assertTrue(second.restoredFrom().isPresent(), "it tries to restore from the damaged checkpoint");
                assertFalse(second.awaitRunning(Duration.ofSeconds(15)),
                        "tasks that cannot restore their state are not running");
                assertFalse(second.isRunning());
            }
        }
    }

    /** Claims of a 50-account, 10-device farm over 50 minutes, with two FRAUD labels along the way. */
    private static List<Object> history(int claims) {
        List<Object> log = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
            log.add(IoFixtures.farmClaim(i));
            if (i == 700) {
                log.add(IoFixtures.fraud("u-3", i));
            }
            if (i == 2_200) {
                log.add(IoFixtures.fraud("u-18", i));
            }
        }
        return log;
    }

    private static void appendAll(EventJournal journal, List<Object> records) {
        for (Object record : records) {
            if (record instanceof RiskEvent event) {
                journal.append(event);
            } else {
                journal.append((Label) record);
            }
        }
    }

    private static Set<Map.Entry<EntityType, String>> entitiesOf(List<Object> log) {
        Set<Map.Entry<EntityType, String>> entities = new LinkedHashSet<>();
        for (Object record : log) {
            if (record instanceof RiskEvent event) {
                FeatureInput in = FeatureInput.fromEvent(event);
                entities.add(Map.entry(EntityType.ACCOUNT, in.accountId));
                entities.add(Map.entry(EntityType.DEVICE, in.deviceId));
                entities.add(Map.entry(EntityType.IP, in.ip));
                entities.add(Map.entry(EntityType.SUBNET, in.subnet));
                entities.add(Map.entry(EntityType.PHONE, in.phoneHash));
                entities.add(Map.entry(EntityType.CAMPAIGN, in.campaignId));
            }
        }
        return entities;
    }

    /** Every stored stream feature (not the engine's live counters) of the entities, by "TYPE id". */
    private static Map<String, Map<String, Double>> streamFeatures(RiskEngine engine,
                                                                    Set<Map.Entry<EntityType, String>> entities) {
        Map<String, Map<String, Double>> all = new TreeMap<>();
        for (Map.Entry<EntityType, String> entity : entities) {
            Map<String, Double> values = new TreeMap<>(engine.features(entity.getKey(), entity.getValue()).values());
            values.keySet().removeIf(name -> name.contains(".live_"));
            all.put(entity.getKey() + " " + entity.getValue(), values);
        }
        return all;
    }

    private static String difference(Map<String, Map<String, Double>> a, Map<String, Map<String, Double>> b) {
        StringBuilder out = new StringBuilder();
        for (String key : a.keySet()) {
            if (!a.get(key).equals(b.get(key))) {
                out.append("\n  ").append(key).append(" restarted=").append(a.get(key)).append(" whole=").append(b.get(key));
            }
        }
        return out.toString();
    }

    /** Polls until the condition holds, failing with the description after {@link #PATIENCE}. */
    private static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> description)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + PATIENCE + ": " + description.get());
            }
            Thread.sleep(25);
        }
    }
}
