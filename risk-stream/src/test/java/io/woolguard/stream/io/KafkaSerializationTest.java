package io.woolguard.stream.io;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.FeatureInput;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.io.testing.IoFixtures;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSerializationTest {
    @Test
    void featureOutput_isKeyedByEntityAndFeatureNamesAndCarriesTheUpdate() {
        FeatureOutput output = new FeatureOutput(EntityType.DEVICE, "d-77",
                Map.of("device.claims_1h", 3.0, "device.accounts_24h", 23.0), 1_000L);
        ProducerRecord<byte[], byte[]> record = new FeatureOutputKafkaSerializer("features").serialize(output, null, null);
        assertEquals("features", record.topic());
        assertEquals("DEVICE|d-77|device.accounts_24h,device.claims_1h",
                new String(record.key(), StandardCharsets.UTF_8), "names sorted: the same set gives the same key");
        assertNull(record.timestamp(), "broker time, not the (possibly old) event time");
        FeatureUpdate update = WoolguardJson.readFeatureUpdate(record.value());
        assertEquals(output.toFeatureUpdate(), update);
    }

    @Test
    void eventsAndLabels_areToldApartByTopic() {
        FeatureInputKafkaDeserializer deserializer = new FeatureInputKafkaDeserializer("ev", "lb");
        List<FeatureInput> out = new ArrayList<>();
        deserializer.deserialize(record("ev", WoolguardJson.writeEvent(IoFixtures.farmClaim(3))), collector(out));
        deserializer.deserialize(record("lb", WoolguardJson.writeLabel(IoFixtures.fraud("u-3", 10))), collector(out));
        assertEquals(2, out.size());
        assertEquals(FeatureInput.Kind.EVENT, out.get(0).kind);
        assertEquals("e-3", out.get(0).eventId);
        assertEquals("d-3", out.get(0).deviceId);
        assertEquals(FeatureInput.Kind.LABEL, out.get(1).kind);
        assertEquals("u-3", out.get(1).labelEntityId);
    }

    @Test
    void badRecords_areSkippedNotFatal() {
        FeatureInputKafkaDeserializer deserializer = new FeatureInputKafkaDeserializer("ev", "lb");
        List<FeatureInput> out = new ArrayList<>();
        deserializer.deserialize(record("ev", "{not json".getBytes(StandardCharsets.UTF_8)), collector(out));
        deserializer.deserialize(record("ev", "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8)), collector(out));
        deserializer.deserialize(record("lb", WoolguardJson.writeEvent(IoFixtures.farmClaim(1))), collector(out));
        deserializer.deserialize(record("ev", null), collector(out));
        assertTrue(out.isEmpty(), "malformed, invalid, misplaced and tombstone records produce nothing: " + out);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 42L, null, value);
    }

    private static Collector<FeatureInput> collector(List<FeatureInput> out) {
        return new Collector<>() {
            @Override
            public void collect(FeatureInput record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        };
    }
}
