package io.woolguard.core;

/** An analyst's verdict on an entity. */
public enum LabelValue {
    /** Confirmed abuse; flags the entity's linked-account cluster. */
    FRAUD,
    /** Confirmed legitimate. */
    LEGIT
}
