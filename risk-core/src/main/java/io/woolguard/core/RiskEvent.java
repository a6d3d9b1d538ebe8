package io.woolguard.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing a storefront asks about: a coupon claim, an order, a registration, a login.
 * Immutable; the constructor checks CONTRACT §1 and throws {@link InvalidEventException} naming
 * every offending field.
 *
 * @param eventId    the idempotency key, 1–128 printable characters
 * @param type       what happened
 * @param occurredAt when it happened; {@code null} means "now" and is filled in by the engine
 * @param account    required for every type
 * @param device     optional
 * @param network    optional
 * @param coupon     required for {@link EventType#COUPON_CLAIM}
 * @param order      required for {@link EventType#ORDER}
 * @param attributes a flat map of string, number and boolean values, at most 64 entries
 */
public record RiskEvent(String eventId, EventType type, Instant occurredAt, Account account, Device device,
                        Network network, Coupon coupon, Order order, Map<String, Object> attributes) {
    /** Most attributes an event may carry. */
    public static final int MAX_ATTRIBUTES = 64;
    private static final int MAX_ATTRIBUTE_TEXT = 256;

    public RiskEvent {
        Validation v = new Validation();
        v.id(eventId, "eventId", true);
        v.require(type, "type");
        v.require(account, "account");
        if (type == EventType.COUPON_CLAIM && coupon == null) {
            v.fail("coupon", "is required for COUPON_CLAIM");
        }
        if (type == EventType.ORDER && order == null) {
            v.fail("order", "is required for ORDER");
        }
        attributes = attributes == null ? Map.of() : attributes;
        if (attributes.size() > MAX_ATTRIBUTES) {
            v.fail("attributes", "must have at most " + MAX_ATTRIBUTES + " entries, got " + attributes.size());
        }
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            String key = entry.getKey();
            if (key == null || !isAttributeKey(key)) {
                v.fail("attributes", "keys must be 1-64 characters of letters, digits, '_', '.', ':' or '-'");
                continue;
            }
            Object value = entry.getValue();
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                v.fail("attributes." + key, "must be a string, number or boolean");
            } else if (value instanceof String text && text.length() > MAX_ATTRIBUTE_TEXT) {
                v.fail("attributes." + key, "must be at most " + MAX_ATTRIBUTE_TEXT + " characters");
            }
        }
        v.throwIfAny();
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** {@code [A-Za-z0-9_.:-]{1,64}}, checked without a regex matcher (events are validated again for every copy). */
    private static boolean isAttributeKey(String key) {
        int length = key.length();
        if (length == 0 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Starts a builder for the common case. */
    public static Builder builder(String eventId, EventType type, String accountId) {
        return new Builder(eventId, type, accountId);
    }

    /** This event with {@code occurredAt} set. */
    public RiskEvent withOccurredAt(Instant when) {
        return new RiskEvent(eventId, type, when, account, device, network, coupon, order, attributes);
    }

    /** This event with every piece of personal data replaced by its keyed hash. */
    public RiskEvent protect(PersonalDataHasher hasher) {
        if (!hasRawPersonalData()) {
            return this;
        }
        return new RiskEvent(eventId, type, occurredAt, account.protect(hasher), device, network, coupon,
                order == null ? null : order.protect(hasher), attributes);
    }

    /** True when any personal data in this event is still raw. */
    public boolean hasRawPersonalData() {
        for (PersonalData data : personalData()) {
            if (!data.isHashed()) {
                return true;
            }
        }
        return false;
    }

    private List<PersonalData> personalData() {
        List<PersonalData> all = new ArrayList<>(4);
        addIfPresent(all, account.phone());
        addIfPresent(all, account.email());
        if (order != null) {
            addIfPresent(all, order.shippingAddress());
            addIfPresent(all, order.paymentInstrument());
        }
        return all;
    }

    private static void addIfPresent(List<PersonalData> all, PersonalData data) {
        if (data != null) {
            all.add(data);
        }
    }

    /**
     * Every entity this event names, by type, with the id its features and list entries are kept
     * under (the keyed hash for personal data). Throws {@link IllegalStateException} if personal
     * data is still raw.
     */
    public Map<EntityType, String> entities() {
        Map<EntityType, String> entities = new EnumMap<>(EntityType.class);
        entities.put(EntityType.ACCOUNT, account.id());
        if (device != null) {
            entities.put(EntityType.DEVICE, device.id());
        }
        if (network != null && network.ip() != null) {
            entities.put(EntityType.IP, network.ip());
            entities.put(EntityType.SUBNET, network.subnet());
        }
        if (account.phone() != null) {
            entities.put(EntityType.PHONE, account.phone().hash());
        }
        if (account.email() != null) {
            entities.put(EntityType.EMAIL, account.email().hash());
        }
        if (coupon != null) {
            entities.put(EntityType.CAMPAIGN, coupon.campaignId());
        }
        if (order != null) {
            if (order.shippingAddress() != null) {
                entities.put(EntityType.ADDRESS, order.shippingAddress().hash());
            }
            if (order.paymentInstrument() != null) {
                entities.put(EntityType.PAYMENT, order.paymentInstrument().hash());
            }
        }
        return Collections.unmodifiableMap(entities);
    }

    /** A mutable helper that assembles an event; {@link #build()} runs the same validation. */
    public static final class Builder {
        private final String eventId;
        private final EventType type;
        private final String accountId;
        private Instant occurredAt;
        private Instant accountCreatedAt;
        private PersonalData phone;
        private PersonalData email;
        private Device device;
        private Network network;
        private Coupon coupon;
        private Order order;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String eventId, EventType type, String accountId) {
            this.eventId = eventId;
            this.type = type;
            this.accountId = accountId;
        }

        public Builder occurredAt(Instant value) { this.occurredAt = value; return this; }
        public Builder accountCreatedAt(Instant value) { this.accountCreatedAt = value; return this; }
        public Builder phone(String raw) { this.phone = raw == null ? null : PersonalData.raw(raw); return this; }
        public Builder email(String raw) { this.email = raw == null ? null : PersonalData.raw(raw); return this; }
        public Builder device(Device value) { this.device = value; return this; }
        public Builder ip(String value) { this.network = value == null ? null : new Network(value); return this; }
        public Builder coupon(Coupon value) { this.coupon = value; return this; }
        public Builder order(Order value) { this.order = value; return this; }
        public Builder attribute(String key, Object value) { this.attributes.put(key, value); return this; }

        public RiskEvent build() {
            return new RiskEvent(eventId, type, occurredAt, new Account(accountId, accountCreatedAt, phone, email),
                    device, network, coupon, order, attributes);
        }
    }
}
