package io.woolguard.stream.io;

import io.woolguard.core.InvalidEventException;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.FeatureInput;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Reads the events topic and the labels topic (core JSON codec) into {@link FeatureInput}s, telling
 * them apart by topic. A record that is not valid JSON for its topic is logged with its topic,
 * partition, offset and the fields at fault, counted in {@code kafkaRecordsSkipped} and skipped:
 * one bad producer must not stop the feature job.
 */
public final class FeatureInputKafkaDeserializer implements KafkaRecordDeserializationSchema<FeatureInput> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureInputKafkaDeserializer.class);

    private final String eventsTopic;
    private final String labelsTopic;
    private transient Counter skipped;

    /** A deserializer for these two topics. */
    public FeatureInputKafkaDeserializer(String eventsTopic, String labelsTopic) {
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.labelsTopic = Objects.requireNonNull(labelsTopic, "labelsTopic");
        if (eventsTopic.equals(labelsTopic)) {
            throw new IllegalArgumentException("events and labels need different topics, both are '" + eventsTopic + "'");
        }
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        skipped = context.getMetricGroup().counter("kafkaRecordsSkipped");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeatureInput> out) {
        if (record.value() == null) {
            return; // a tombstone: nothing happened
        }
        try {
            if (record.topic().equals(eventsTopic)) {
                out.collect(FeatureInput.fromEvent(WoolguardJson.readEvent(record.value())));
            } else if (record.topic().equals(labelsTopic)) {
                out.collect(FeatureInput.fromLabel(WoolguardJson.readLabel(record.value())));
            } else {
                skip(record, "it comes from an unexpected topic");
            }
        } catch (InvalidEventException e) {
            skip(record, "invalid fields " + e.errors());
        } catch (RuntimeException e) {
            skip(record, e.getMessage());
        }
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, String why) {
        LOG.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
        if (skipped != null) {
            skipped.inc();
        }
    }

    @Override
    public TypeInformation<FeatureInput> getProducedType() {
        return TypeInformation.of(FeatureInput.class);
    }
}
