package io.woolguard.stream.cluster;

import io.woolguard.stream.FeatureInput;
import io.woolguard.stream.FeatureJob;
import io.woolguard.stream.FeatureJobConfig;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.io.FeatureInputKafkaDeserializer;
import io.woolguard.stream.io.FeatureOutputKafkaSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The {@code flink run} entry point of cluster mode: events and labels from Kafka (core JSON codec)
 * → {@link FeatureJob} → feature updates to a Kafka topic that every server instance materialises
 * ({@link FeatureMaterializer}).
 *
 * <pre>
 * flink run -c io.woolguard.stream.cluster.FeatureJobMain risk-stream-&lt;version&gt;-job.jar \
 *   --bootstrap-servers kafka:9092 --events-topic woolguard.events --labels-topic woolguard.labels \
 *   --features-topic woolguard.features --parallelism 4 --checkpoint-dir s3://bucket/woolguard/checkpoints
 * </pre>
 *
 * <p>Delivery is at-least-once (no Kafka transactions, so consumers need no {@code read_committed}
 * and see updates without waiting for a checkpoint): after a restore, updates since the last
 * checkpoint are produced again, and because each is an absolute value with its event time, applying
 * it again changes nothing. The source starts from the group's committed offsets, or the earliest
 * ones on a first run; on a restore, from the checkpointed offsets.
 */
public final class FeatureJobMain {
    private FeatureJobMain() {
    }

    /** Parses the arguments (see {@link FeatureJobArgs#USAGE}) and runs the job until cancelled. */
    public static void main(String[] args) throws Exception {
        FeatureJobArgs parsed;
        try {
            parsed = FeatureJobArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            throw e;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(parsed));
        env.setParallelism(parsed.parallelism());
        job(parsed, FeatureJobConfig.defaults()).addTo(env);
        env.execute("woolguard-features");
    }

    /** The job's Flink configuration: RocksDB, checkpoints in {@code --checkpoint-dir}, retained on cancel. */
    public static Configuration flinkConfiguration(FeatureJobArgs args) {
        return FeatureJob.flinkConfiguration(args.checkpointDir(), args.checkpointInterval());
    }

    /** The feature job between the Kafka topics named in {@code args}. */
    public static FeatureJob job(FeatureJobArgs args, FeatureJobConfig config) {
        KafkaSource<FeatureInput> source = KafkaSource.<FeatureInput>builder()
                .setBootstrapServers(args.bootstrapServers())
                .setTopics(args.eventsTopic(), args.labelsTopic())
                .setGroupId(args.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new FeatureInputKafkaDeserializer(args.eventsTopic(), args.labelsTopic()))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        KafkaSink<FeatureOutput> sink = KafkaSink.<FeatureOutput>builder()
                .setBootstrapServers(args.bootstrapServers())
                .setRecordSerializer(new FeatureOutputKafkaSerializer(args.featuresTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("acks", "all")
                .setProperty("enable.idempotence", "true")
                .setProperty("linger.ms", "5")
                .setProperty("compression.type", "lz4")
                .build();
        return new FeatureJob(source, sink, config);
    }
}
