package io.woolguard.core;

/** The kinds of personal data, each normalized its own way before hashing. */
public enum PersonalDataKind {
    /** A phone number: digits and a leading '+', hint {@code +CC-PPP} for numbers with a country code. */
    PHONE(EntityType.PHONE),
    /** An e-mail address: trimmed and lower-cased, hint is the domain. */
    EMAIL(EntityType.EMAIL),
    /** A shipping address: whitespace collapsed and lower-cased, no hint. */
    ADDRESS(EntityType.ADDRESS),
    /** A payment instrument (card number, wallet id): spaces and dashes removed, no hint. */
    PAYMENT(EntityType.PAYMENT);

    private final EntityType entityType;

    PersonalDataKind(EntityType entityType) {
        this.entityType = entityType;
    }

    /** The entity type this kind of data is keyed under. */
    public EntityType entityType() {
        return entityType;
    }

    /** The kind for a personal-data entity type; throws if {@code type} is not personal data. */
    public static PersonalDataKind of(EntityType type) {
        for (PersonalDataKind kind : values()) {
            if (kind.entityType == type) {
                return kind;
            }
        }
        throw new IllegalArgumentException(type + " is not personal data");
    }
}
