package io.woolguard.stream.io;

import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.FeatureOutput;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes feature updates to the features topic as the core codec's {@code FeatureUpdate} JSON.
 *
 * <p>The key is the entity and the names of the features in the update
 * ({@code DEVICE|d-77|device.accounts_1h,device.accounts_24h}): one entity's features come from
 * several operators, each updating its own names, so keying by entity alone would let a compacted
 * topic drop all but the last operator's values. With this key, compaction keeps the latest values
 * of every feature (the newest record holding a feature is the newest of its key).
 *
 * <p>The partition is chosen by the entity alone, not by the key: an operator emits only the features
 * that changed, so one entity's updates carry different name sets, and events that arrive out of
 * order give several updates the same event time (the entity's clock). Spread over partitions by
 * key, a consumer could apply {@code accounts_24h=4} after {@code accounts_24h=5} at the same time
 * and keep the 4. In one partition they stay in the order they were produced, also after compaction.
 */
public final class FeatureOutputKafkaSerializer implements KafkaRecordSerializationSchema<FeatureOutput> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    /** A serializer writing to {@code topic}. */
    public FeatureOutputKafkaSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(FeatureOutput output, KafkaSinkContext context, Long timestamp) {
        FeatureUpdate update = output.toFeatureUpdate();
        // no record timestamp: the broker time keeps time-based retention sane for replayed, old event times
        return new ProducerRecord<>(topic, partition(update, context), null, key(update),
                WoolguardJson.writeFeatureUpdate(update));
    }

    /** The entity's partition of the topic; {@code null} (by key) only without a sink context. */
    private Integer partition(FeatureUpdate update, KafkaSinkContext context) {
        if (context == null) {
            return null;
        }
        int[] partitions = context.getPartitionsForTopic(topic);
        byte[] entity = entity(update).getBytes(StandardCharsets.UTF_8);
        return partitions[Utils.toPositive(Utils.murmur2(entity)) % partitions.length];
    }

    /** The compaction key of an update. */
    public static byte[] key(FeatureUpdate update) {
        String names = String.join(",", new TreeSet<>(update.values().keySet()));
        return (entity(update) + "|" + names).getBytes(StandardCharsets.UTF_8);
    }

    private static String entity(FeatureUpdate update) {
        return update.entityType().name() + "|" + update.entityId();
    }
}
