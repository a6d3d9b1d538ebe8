package io.woolguard.core;

/**
 * The kinds of things Woolguard keeps features and lists for.
 *
 * <p>{@link #PHONE}, {@link #EMAIL}, {@link #ADDRESS} and {@link #PAYMENT} identify people: their ids
 * are keyed hashes, never raw values (see {@link PersonalDataHasher}).
 */
public enum EntityType {
    /** A storefront account, by its account id. */
    ACCOUNT(false),
    /** A device, by the device id the client reports. */
    DEVICE(false),
    /** An IPv4 or IPv6 address, canonical form. */
    IP(false),
    /** A phone number (personal data). */
    PHONE(true),
    /** An e-mail address (personal data). */
    EMAIL(true),
    /** A shipping address (personal data). */
    ADDRESS(true),
    /** A payment instrument (personal data). */
    PAYMENT(true),
    /** An IP network: the /24 of an IPv4 address or the /64 of an IPv6 address, e.g. {@code 203.0.113.0/24}. */
    SUBNET(false),
    /** A promotion campaign, by its campaign id. */
    CAMPAIGN(false);

    private final boolean personalData;

    EntityType(boolean personalData) {
        this.personalData = personalData;
    }

    /** True when values of this type identify a person and are therefore stored only as keyed hashes. */
    public boolean isPersonalData() {
        return personalData;
    }

    /** The lower-case prefix of feature names about this entity, e.g. {@code device} for {@code device.accounts_24h}. */
    public String featurePrefix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
