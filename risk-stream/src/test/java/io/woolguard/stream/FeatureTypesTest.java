package io.woolguard.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.FeatureUpdate;
import io.woolguard.core.Label;
import io.woolguard.core.LabelValue;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.PersonalDataKind;
import io.woolguard.core.RiskEvent;
import io.woolguard.stream.features.EntityObservation;
import io.woolguard.stream.features.EntityObservationSerializer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FeatureTypesTest {
    private static final Instant AT = Instant.parse("2026-11-22T03:00:00Z");
    private static final PersonalDataHasher HASHER = PersonalDataHasher.withSecret("feature-types-test-key");

    @Test
    void fromEvent_flattensAnOrderWithHashedPersonalData() {
        RiskEvent order = RiskEvent.builder("o-1", EventType.ORDER, "u1").occurredAt(AT)
                .accountCreatedAt(AT.minusSeconds(3600)).phone("+8617012345678").device(Device.of("d-1"))
                .ip("203.0.113.7")
                .order(new Order("o-1", new BigDecimal("2.00"), new BigDecimal("20.00"), "CNY", 1, List.of(),
                        PersonalData.raw("1 Main St"), PersonalData.raw("4111 1111 1111 1111")))
                .build().protect(HASHER);
        FeatureInput in = FeatureInput.fromEvent(order);
        assertEquals(FeatureInput.Kind.EVENT, in.kind);
        assertEquals(AT.toEpochMilli(), in.eventTimeMillis);
        assertEquals(AT.minusSeconds(3600).toEpochMilli(), in.accountCreatedAtMillis);
        assertEquals("203.0.113.0/24", in.subnet);
        assertEquals(HASHER.hash(PersonalDataKind.PHONE, "+8617012345678"), in.phoneHash);
        assertEquals(HASHER.hash(PersonalDataKind.PAYMENT, "4111 1111 1111 1111"), in.paymentHash);
        assertNull(in.campaignId);
        assertTrue(in.isLowPriceOrder(0.3), "paid 10% of list price");
        assertTrue(!in.isLowPriceOrder(0.05));
    }

    @Test
    void fromEvent_refusesRawPersonalDataAndMissingTime() {
        RiskEvent raw = RiskEvent.builder("c-1", EventType.COUPON_CLAIM, "u1").occurredAt(AT).phone("+8617012345678")
                .coupon(new Coupon("double11", null, BigDecimal.ONE, "CNY")).build();
        assertThrows(IllegalStateException.class, () -> FeatureInput.fromEvent(raw));
        RiskEvent timeless = RiskEvent.builder("l-1", EventType.LOGIN, "u1").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureInput.fromEvent(timeless));
        assertTrue(e.getMessage().contains("occurredAt"), e.getMessage());
    }

    @Test
    void fromLabel_carriesVerdictEntityAndTime() {
        FeatureInput in = FeatureInput.fromLabel(new Label(EntityType.ACCOUNT, "u9", LabelValue.FRAUD, "analyst", null, AT));
        assertEquals(FeatureInput.Kind.LABEL, in.kind);
        assertEquals(LabelValue.FRAUD, in.labelValue);
        assertEquals("u9", in.labelEntityId);
        assertEquals("u9", in.accountId);
        assertEquals(AT.toEpochMilli(), in.eventTimeMillis);
    }

    @Test
    void featureOutput_roundTripsThroughFeatureUpdateAndFlinkSerializer() throws Exception {
        FeatureOutput out = FeatureOutput.fromFeatureUpdate(
                new FeatureUpdate(EntityType.DEVICE, "d-1", Map.of("device.accounts_1h", 3.0), 42L));
        assertEquals(new FeatureUpdate(EntityType.DEVICE, "d-1", Map.of("device.accounts_1h", 3.0), 42L),
                out.toFeatureUpdate());

        TypeInformation<FeatureOutput> type = TypeInformation.of(FeatureOutput.class);
        PojoTypeInfo<FeatureOutput> pojo = assertInstanceOf(PojoTypeInfo.class, type);
        assertInstanceOf(MapTypeInfo.class, pojo.getTypeAt(pojo.getFieldIndex("values")), "values without Kryo");
        TypeSerializer<FeatureOutput> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer bytes = new DataOutputSerializer(64);
        serializer.serialize(out, bytes);
        assertEquals(out, serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer())));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(FeatureInput.class));
    }

    @Test
    void entityObservation_roundTripsThroughItsOwnSerializer() throws Exception {
        TypeSerializer<EntityObservation> serializer =
                TypeInformation.of(EntityObservation.class).createSerializer(new SerializerConfigImpl());
        assertInstanceOf(EntityObservationSerializer.class, serializer, "not the POJO serializer");
        EntityObservation full = new EntityObservation(EntityType.DEVICE, "d-1é", 42L, EntityObservation.CLAIM);
        full.accountId = "u-1";
        full.deviceId = "d-2";
        full.ip = "203.0.113.7";
        full.accountCreatedAtMillis = -5L;
        EntityObservation bare = new EntityObservation(EntityType.CAMPAIGN, "double11", 7L, 0);
        DataOutputSerializer bytes = new DataOutputSerializer(64);
        serializer.serialize(full, bytes);
        serializer.serialize(bare, bytes);
        DataInputDeserializer in = new DataInputDeserializer(bytes.getCopyOfBuffer());
        for (EntityObservation expected : List.of(full, bare)) {
            EntityObservation read = serializer.deserialize(in);
            assertEquals(expected.entityType, read.entityType);
            assertEquals(expected.entityId, read.entityId);
            assertEquals(expected.eventTimeMillis, read.eventTimeMillis);
            assertEquals(expected.flags, read.flags);
            assertEquals(expected.accountId, read.accountId);
            assertEquals(expected.deviceId, read.deviceId);
            assertEquals(expected.ip, read.ip);
            assertEquals(expected.accountCreatedAtMillis, read.accountCreatedAtMillis);
        }
        assertEquals(0, in.available(), "nothing left over");
        assertEquals(serializer, serializer.snapshotConfiguration().restoreSerializer());
    }

    @Test
    void config_builderFailsFastWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureJobConfig.builder().graphEdgeTypes(EnumSet.of(EntityType.CAMPAIGN)));
        assertTrue(e.getMessage().contains("CAMPAIGN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureJobConfig.builder().superNodeThreshold(1));
        assertThrows(IllegalArgumentException.class, () -> FeatureJobConfig.builder().outOfOrderness(Duration.ofSeconds(-1)));
        IllegalStateException tooHigh = assertThrows(IllegalStateException.class,
                () -> FeatureJobConfig.builder().distinctExactLimit(100).superNodeThreshold(200).build());
        assertTrue(tooHigh.getMessage().contains("superNodeThreshold"), tooHigh.getMessage());
        FeatureJobConfig defaults = FeatureJobConfig.defaults();
        assertEquals(EnumSet.of(EntityType.DEVICE, EntityType.PHONE, EntityType.ADDRESS, EntityType.PAYMENT),
                defaults.graphEdgeTypes(), "IP is not a graph edge by default");
    }
}
