package io.woolguard.stream.io;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.json.WoolguardJson;
import io.woolguard.stream.FeatureInput;
import io.woolguard.stream.FeatureOutput;
import io.woolguard.stream.io.testing.IoFixtures;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
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
    void featureOutputs_ofOneEntity_goToOnePartition_whateverTheirNames() {
        KafkaRecordSerializationSchema.KafkaSinkContext context = new KafkaRecordSerializationSchema.KafkaSinkContext() {
            @Override
            public int getParallelInstanceId() {
                return 0;
            }

            @Override
            public int getNumberOfParallelInstances() {
                return 1;
            }

            @Override
            public int[] getPartitionsForTopic(String topic) {
                return new int[] {0, 1, 2, 3, 4, 5, 6, 7};
            }
        };
        FeatureOutputKafkaSerializer serializer = new FeatureOutputKafkaSerializer("features");
        java.util.Set<Integer> partitionsOfD2 = new java.util.HashSet<>();
        java.util.Set<Integer> partitionsOfAll = new java.util.HashSet<>();
        List<Map<String, Double>> nameSets = List.of(Map.of("device.claims_24h", 7.0),
                Map.of("device.accounts_24h", 4.0, "device.claims_24h", 8.0),
                Map.of("device.accounts_1h", 5.0, "device.accounts_24h", 5.0, "device.accounts_7d", 5.0));
        for (Map<String, Double> values : nameSets) {
            partitionsOfD2.add(serializer.serialize(new FeatureOutput(EntityType.DEVICE, "d-2", values, 190_000L), context, null)
                    .partition());
        }
        for (int d = 0; d < 64; d++) {
            partitionsOfAll.add(serializer.serialize(new FeatureOutput(EntityType.DEVICE, "d-" + d, nameSets.get(0), 1L), context, null)
                    .partition());
        }
        assertEquals(1, partitionsOfD2.size(), "one entity's updates stay in order in one partition: " + partitionsOfD2);
        assertTrue(partitionsOfAll.size() >= 4, "entities still spread over the partitions: " + partitionsOfAll);
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
