package io.woolguard.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An analyst's verdict on one entity.
 *
 * @param entityType what kind of entity
 * @param entityId   its id (the keyed hash for personal data)
 * @param label      FRAUD or LEGIT
 * @param source     who or what produced it (analyst name, chargeback feed)
 * @param note       free text, at most 1,024 characters
 * @param labelledAt when it was recorded
 */
public record Label(EntityType entityType, String entityId, LabelValue label, String source, String note,
                    Instant labelledAt) {
    public Label {
        Validation v = new Validation();
        v.require(entityType, "entityType");
        v.value(entityId, "entityId");
        v.require(label, "label");
        v.text(source, "source", 128);
        v.text(note, "note", 1024);
        v.throwIfAny();
        Objects.requireNonNull(labelledAt, "labelledAt");
    }
}
