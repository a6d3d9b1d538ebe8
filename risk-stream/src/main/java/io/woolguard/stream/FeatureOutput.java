package io.woolguard.stream;

import io.woolguard.core.EntityType;
import io.woolguard.core.FeatureUpdate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * New absolute values for some features of one entity, as a Flink POJO; the stream twin of
 * {@link FeatureUpdate}. Applying it twice leaves the same state (upsert).
 */
public class FeatureOutput {
    public EntityType entityType;
    public String entityId;
    /** Feature name → absolute value; never empty when emitted by the job. */
    @TypeInfo(FeatureValuesTypeInfo.class)
    public HashMap<String, Double> values;
    /** The event time the values are valid as of. */
    public long eventTimeMillis;

    /** For Flink's serializer. */
    public FeatureOutput() {
    }

    /** An output for one entity; {@code values} is copied. */
    public FeatureOutput(EntityType entityType, String entityId, Map<String, Double> values, long eventTimeMillis) {
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.entityId = Objects.requireNonNull(entityId, "entityId");
        this.values = new HashMap<>(values);
        this.eventTimeMillis = eventTimeMillis;
    }

    /** The core value; throws {@link IllegalArgumentException} if there are no values. */
    public FeatureUpdate toFeatureUpdate() {
        return new FeatureUpdate(entityType, entityId, values, eventTimeMillis);
    }

    /** The stream twin of a core value. */
    public static FeatureOutput fromFeatureUpdate(FeatureUpdate update) {
        return new FeatureOutput(update.entityType(), update.entityId(), update.values(), update.eventTimeMillis());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureOutput other && entityType == other.entityType
                && Objects.equals(entityId, other.entityId) && Objects.equals(values, other.values)
                && eventTimeMillis == other.eventTimeMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(entityType, entityId, values, eventTimeMillis);
    }

    @Override
    public String toString() {
        return "FeatureOutput[" + entityType + " " + entityId + " @" + eventTimeMillis + " " + values + "]";
    }
}
