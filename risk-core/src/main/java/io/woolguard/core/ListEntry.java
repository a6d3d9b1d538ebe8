package io.woolguard.core;

import java.time.Instant;

/**
 * One entry on a BLOCK, ALLOW or WATCH list.
 *
 * @param list       which list
 * @param entityType what kind of entity
 * @param value      the entity id (the keyed hash for personal data)
 * @param reason     why it is listed, may be {@code null}
 * @param addedBy    who listed it
 * @param addedAt    when
 * @param expiresAt  when it stops applying, {@code null} for never
 */
public record ListEntry(ListType list, EntityType entityType, String value, String reason, String addedBy,
                        Instant addedAt, Instant expiresAt) {
    public ListEntry {
        Validation v = new Validation();
        v.require(list, "list");
        v.require(entityType, "entityType");
        v.value(value, "value");
        v.text(reason, "reason", 512);
        v.throwIfAny();
    }

    /** True when the entry no longer applies at {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
