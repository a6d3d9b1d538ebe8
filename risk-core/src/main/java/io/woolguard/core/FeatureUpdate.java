package io.woolguard.core;

import java.util.Map;
import java.util.Objects;

/**
 * New absolute values for some features of one entity, as computed by the streaming job.
 * Applying the same update twice leaves the same state (upsert), which is what makes replays after
 * a failure safe. Features not named are left as they are.
 *
 * @param entityType    the entity
 * @param entityId      its id (keyed hash for personal data)
 * @param values        feature name → value; never empty
 * @param eventTimeMillis the event time the values are valid as of; older updates never overwrite newer ones
 */
public record FeatureUpdate(EntityType entityType, String entityId, Map<String, Double> values, long eventTimeMillis) {
    public FeatureUpdate {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a feature update needs at least one value");
        }
        values = Map.copyOf(values);
    }
}
