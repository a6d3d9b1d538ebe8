package io.woolguard.stream.cluster;

import io.woolguard.core.EngineListener;
import io.woolguard.core.Label;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.json.WoolguardJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cluster mode's {@link EngineListener}: produces every accepted event to the events topic and
 * every label to the labels topic (core JSON codec, personal data hashed), and returns only once
 * the broker acknowledged it with {@code acks=all} (idempotent producer), so an accepted event is
 * in Kafka before its decision is returned. Concurrent calls share the producer's batches.
 *
 * <p>Events are keyed by account id and labels by entity id, so each account's events stay in
 * order within a partition. Thread-safe. A send that fails or is not acknowledged within the
 * configured timeout throws {@link IllegalStateException} (the engine then marks the decision
 * degraded, reason {@code stream}).
 */
public final class KafkaEventPublisher implements EngineListener, AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final String labelsTopic;
    private final Duration ackTimeout;

    /**
     * A publisher to the given topics.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param ackTimeout       longest wait for the broker's acknowledgement of one record
     * @param extraConfig      further producer settings (security, client id); may override the defaults
     */
    public KafkaEventPublisher(String bootstrapServers, String eventsTopic, String labelsTopic, Duration ackTimeout,
                               Map<String, Object> extraConfig) {
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.labelsTopic = Objects.requireNonNull(labelsTopic, "labelsTopic");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ackTimeout.toMillis(), 1_000) + 1_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(ackTimeout.toMillis(), 1_000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(ackTimeout.toMillis(), 1_000));
        props.putAll(extraConfig);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A publisher with a 5-second acknowledgement timeout and no extra settings. */
    public KafkaEventPublisher(String bootstrapServers, String eventsTopic, String labelsTopic) {
        this(bootstrapServers, eventsTopic, labelsTopic, Duration.ofSeconds(5), Map.of());
    }

    /**
     * Produces the event and waits for its acknowledgement.
     *
     * @throws IllegalStateException if it is not acknowledged in time, or the event carries raw personal data
     */
    @Override
    public void onEvent(RiskEvent event) {
        send(new ProducerRecord<>(eventsTopic, utf8(event.account().id()), WoolguardJson.writeEvent(event)),
                "event " + event.eventId());
    }

    /** Produces the label and waits for its acknowledgement. */
    @Override
    public void onLabel(Label label) {
        send(new ProducerRecord<>(labelsTopic, utf8(label.entityId()), WoolguardJson.writeLabel(label)),
                "label on " + label.entityType() + " " + label.entityId());
    }

    private void send(ProducerRecord<byte[], byte[]> record, String what) {
        try {
            producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + what + " to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused " + what + " on " + record.topic() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + what + " on " + record.topic()
                    + " within " + ackTimeout, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Flushes and closes the producer (waiting up to 10 s). */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
