package io.woolguard.stream.features;

import io.woolguard.core.EntityType;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One entity's view of one event (an event about account A on device D from IP I becomes one
 * observation per entity), the input of {@link EntityFeatureFunction}; Flink serializes it with
 * {@link EntityObservationSerializer}.
 */
@TypeInfo(EntityObservationSerializer.Factory.class)
public class EntityObservation {
    /** A coupon claim. */
    public static final int CLAIM = 1;
    /** An order. */
    public static final int ORDER = 2;
    /** A low-price order (paying at most the configured fraction of the list price). */
    public static final int LOW_PRICE_ORDER = 4;

    public EntityType entityType;
    public String entityId;
    public long eventTimeMillis;
    /** Bit set of {@link #CLAIM}, {@link #ORDER}, {@link #LOW_PRICE_ORDER}. */
    public int flags;
    public String accountId;
    public String deviceId;
    public String ip;
    /** The account's registration time, when known. */
    public Long accountCreatedAtMillis;

    public EntityObservation() {
    }

    public EntityObservation(EntityType entityType, String entityId, long eventTimeMillis, int flags) {
        this.entityType = entityType;
        this.entityId = entityId;
        this.eventTimeMillis = eventTimeMillis;
        this.flags = flags;
    }

    /** The key the observation is partitioned by: entity type and id in one string. */
    public String key() {
        return key(entityType, entityId);
    }

    /** The partition key of an entity. */
    public static String key(EntityType type, String id) {
        return (char) ('A' + type.ordinal()) + id;
    }

    /** The entity type of a key made by {@link #key(EntityType, String)}. */
    public static EntityType typeOfKey(String key) {
        return EntityType.values()[key.charAt(0) - 'A'];
    }

    /** The entity id of a key made by {@link #key(EntityType, String)}. */
    public static String idOfKey(String key) {
        return key.substring(1);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "EntityObservation[" + entityType + " " + entityId + " @" + eventTimeMillis + " flags=" + flags + "]";
    }
}
