package io.woolguard.stream.cluster;

import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.RiskEngine;
import io.woolguard.core.json.WoolguardJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster mode's other half on each server: consumes the features topic and applies the updates
 * to the local engine ({@link RiskEngine#applyFeatureUpdates}), one batch per poll.
 *
 * <p>Every server instance needs every feature, so the materializer reads all partitions itself
 * (assigned, not a shared consumer group); it commits its position under its own
 * {@code consumerGroup} after each applied batch and resumes from there after a restart (the
 * earliest offset on a first start). Updates are upserts with event times, so a batch applied twice
 * after a crash changes nothing. New partitions are picked up within a minute. A record that is
 * not a valid update is logged with its position, counted ({@link #skipped()}) and skipped.
 *
 * <p>Runs on its own daemon thread; thread-safe to observe and close.
 */
public final class FeatureMaterializer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureMaterializer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_REFRESH_MILLIS = 60_000;

    private final RiskEngine engine;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private FeatureMaterializer(RiskEngine engine, String topic, KafkaConsumer<byte[], byte[]> consumer) {
        this.engine = engine;
        this.topic = topic;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "woolguard-feature-materializer");
        this.thread.setDaemon(true);
    }

    /**
     * Starts consuming {@code featuresTopic} into {@code engine}.
     *
     * @param consumerGroup the group this instance commits its position under: unique per server instance
     * @param extraConfig   further consumer settings (security, client id)
     */
    public static FeatureMaterializer start(RiskEngine engine, String bootstrapServers, String featuresTopic,
                                            String consumerGroup, Map<String, Object> extraConfig) {
        Objects.requireNonNull(engine, "engine");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(consumerGroup, "consumerGroup"));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        props.putAll(extraConfig);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        FeatureMaterializer materializer = new FeatureMaterializer(engine, Objects.requireNonNull(featuresTopic,
                "featuresTopic"), consumer);
        materializer.thread.start();
        return materializer;
    }

    private void run() {
        try {
            long nextRefresh = 0;
            while (running) {
                if (System.currentTimeMillis() >= nextRefresh) {
                    assignAllPartitions();
                    nextRefresh = System.currentTimeMillis() + PARTITION_REFRESH_MILLIS;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                List<FeatureUpdate> updates = new ArrayList<>(records.count());
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    positions.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        updates.add(WoolguardJson.readFeatureUpdate(record.value()));
                    } catch (RuntimeException e) {
                        skipped.incrementAndGet();
                        LOG.warn("Skipping feature record {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
                if (!updates.isEmpty()) {
                    engine.applyFeatureUpdates(updates);
                    applied.addAndGet(updates.size());
                }
                commit(positions);
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("The feature materializer stopped: {}", t.toString(), t);
        } finally {
            running = false;
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                stopped.countDown();
            }
        }
    }

    /** Commits the applied position; a transient failure is only logged: the next commit covers it. */
    private void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
        try {
            consumer.commitSync(positions);
        } catch (RetriableException e) {
            LOG.warn("Feature materializer: committing its position failed for now ({}); a restart would re-apply"
                    + " a few updates, which is harmless", e.toString());
        }
    }

    private void assignAllPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return; // the topic does not exist yet; retry at the next refresh
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Set<TopicPartition> current = consumer.assignment();
        if (!current.containsAll(partitions)) {
            consumer.assign(partitions);
            LOG.info("Feature materializer reads {} partitions of {}", partitions.size(), topic);
        }
    }

    /** Feature updates applied to the engine so far. */
    public long applied() {
        return applied.get();
    }

    /** Records skipped because they were not valid feature updates. */
    public long skipped() {
        return skipped.get();
    }

    /** True while consuming; false after {@link #close()} or a failure (see {@link #failure()}). */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** What stopped the materializer, if it failed. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Stops consuming (waits up to 10 s); the applied position is committed. Idempotent. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
