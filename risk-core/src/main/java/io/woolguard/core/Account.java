package io.woolguard.core;

import java.time.Instant;

/**
 * The account an event is about.
 *
 * @param id        required, 1–128 printable characters
 * @param createdAt when the account was registered, if the storefront knows
 * @param phone     optional personal data
 * @param email     optional personal data
 */
public record Account(String id, Instant createdAt, PersonalData phone, PersonalData email) {
    public Account {
        Validation v = new Validation();
        v.id(id, "account.id", true);
        v.throwIfAny();
    }

    /** An account known only by its id. */
    public static Account of(String id) {
        return new Account(id, null, null, null);
    }

    Account protect(PersonalDataHasher hasher) {
        return new Account(id, createdAt,
                hasher.protect(PersonalDataKind.PHONE, phone),
                hasher.protect(PersonalDataKind.EMAIL, email));
    }
}
