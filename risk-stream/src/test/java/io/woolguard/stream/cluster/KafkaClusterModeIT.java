package io.woolguard.stream.cluster;

import io.woolguard.core.Decision;
import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureNames;
import io.woolguard.core.RiskEngine;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.io.testing.IoFixtures;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import io.woolguard.stream.cluster.testing.KafkaBrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cluster mode on real parts: a KRaft broker started here (Kafka's own test kit, 4.3.1, in a child
 * JVM because it needs kafka-clients 4.3.1 while this JVM runs the shipped 4.2.0), the
 * feature job of {@link FeatureJobMain} on a Flink MiniCluster at parallelism 2, servers publishing
 * accepted events with {@link KafkaEventPublisher} and materialising the features topic with
 * {@link FeatureMaterializer}.
 */
class KafkaClusterModeIT {
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String EVENTS = "woolguard.events";
    private static final String LABELS = "woolguard.labels";
    private static final String FEATURES = "woolguard.features";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static KafkaBrokerProcess kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBrokerProcess.start(Path.of("target", "kafka-broker-it.log"),
                EVENTS + ":2", LABELS + ":1", FEATURES + ":2:compact");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void eventsThroughKafka_reachEveryServersFeatureStore() throws Exception {
        FeatureJobArgs args = FeatureJobArgs.parse(new String[] {
                "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", EVENTS, "--labels-topic", LABELS,
                "--features-topic", FEATURES, "--parallelism", "2",
                "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString(), "--checkpoint-interval", "1s"});
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FeatureJobMain.flinkConfiguration(args));
        env.setParallelism(args.parallelism());
        // The labels partition is empty until the label: a short idleness keeps it from holding the
        // watermark back. Under load a busy events partition can be marked idle too and fall behind the
        // other's watermark; a lateness far beyond the test's event-time span keeps such events counted.
        FeatureJobMain.job(args, FeatureJobConfig.builder().sourceIdleness(Duration.ofMillis(500))
                .allowedLateness(Duration.ofHours(1)).build()).addTo(env);
        JobClient job = env.executeAsync("woolguard-features-cluster-test");

        // a minute for each acknowledgement: the 5 s default, on a loaded CI machine, degrades a decision with
        // reason "stream" and fails the checks below on the machine's load rather than on the code
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(kafka.bootstrapServers(), EVENTS, LABELS,
                     Duration.ofSeconds(60), Map.of());
             RiskEngine deciding = IoFixtures.engine(dir.resolve("server-1"), publisher);
             RiskEngine other = IoFixtures.engine(dir.resolve("server-2"));
             FeatureMaterializer first = FeatureMaterializer.start(deciding, kafka.bootstrapServers(), FEATURES,
                     "woolguard-server-1", Map.of());
             FeatureMaterializer second = FeatureMaterializer.start(other, kafka.bootstrapServers(), FEATURES,
                     "woolguard-server-2", Map.of())) {
            for (int i = 0; i < 200; i++) {
                Decision decision = deciding.decide(IoFixtures.farmClaim(i));
                assertTrue(decision.degradedReason() == null || !decision.degradedReason().contains("stream"),
                        "publishing to Kafka succeeded for e-" + i + ": " + decision);
            }
            List<RiskEngine> servers = List.of(deciding, other);
            // 1. every farm claim counted: 10 devices, each 5 accounts and 20 claims within the day
            for (RiskEngine server : servers) {
                for (int d = 0; d < 10; d++) {
                    String device = "d-" + d;
                    awaitTrue(() -> server.features(EntityType.DEVICE, device).get(FeatureNames.DEVICE_ACCOUNTS_24H) == 5
                                    && server.features(EntityType.DEVICE, device).get(FeatureNames.DEVICE_CLAIMS_24H) == 20,
                            () -> "device " + device + " features: " + server.features(EntityType.DEVICE, device));
                }
                awaitTrue(() -> server.features(EntityType.ACCOUNT, "u-7").get(FeatureNames.ACCOUNT_CLAIMS_24H) == 4,
                        () -> "account u-7 features: " + server.features(EntityType.ACCOUNT, "u-7"));
                awaitTrue(() -> server.features(EntityType.IP, "203.0.113.5").get(FeatureNames.IP_ACCOUNTS_24H) == 5,
                        () -> "ip 203.0.113.5 features: " + server.features(EntityType.IP, "203.0.113.5"));
            }

            // 2. the label reaches the graph: the labelled account's own features change at once.
            // Only now may later events flow: the label topic is another split, and a label read after
            // the events' watermark had passed it by more than the allowed lateness would be dropped.
            deciding.label(IoFixtures.fraud("u-3", 300));
            for (RiskEngine server : servers) {
                awaitTrue(() -> server.features(EntityType.ACCOUNT, "u-3").get(FeatureNames.GRAPH_CLUSTER_FLAGGED) == 1,
                        () -> "account u-3 features: " + server.features(EntityType.ACCOUNT, "u-3"));
            }

            // 3. the other members learn it within the graph's refresh interval of processing time,
            // with no later traffic: a refresh does not wait for the watermark
            for (RiskEngine server : servers) {
                // u-13 shares device d-3 with u-3 (FRAUD): a cluster of 5 with one flagged member
                awaitTrue(() -> server.features(EntityType.ACCOUNT, "u-13").get(FeatureNames.GRAPH_CLUSTER_SIZE) == 5
                                && server.features(EntityType.ACCOUNT, "u-13").get(FeatureNames.GRAPH_CLUSTER_FLAGGED) == 1,
                        () -> "account u-13 features: " + server.features(EntityType.ACCOUNT, "u-13"));
            }
            assertEquals(0, first.skipped(), "every record on the features topic was a valid update");
            assertTrue(first.applied() > 0 && second.applied() > 0, "both servers materialised updates");
            assertTrue(first.isRunning() && second.isRunning());
        } finally {
            job.cancel().get();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Supplier<String> description) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + PATIENCE + ": " + description.get());
            }
            Thread.sleep(25);
        }
    }
}
