package io.woolguard.stream;

import io.woolguard.core.EntityType;
import io.woolguard.core.EventType;
import io.woolguard.core.Label;
import io.woolguard.core.LabelValue;
import io.woolguard.core.PersonalData;
import io.woolguard.core.RiskEvent;
import java.util.Objects;

/**
 * What the feature job needs from one accepted event or one analyst label, flattened into a Flink
 * POJO (public no-arg constructor, public mutable fields) so that Flink's POJO serializer handles it
 * without Kryo. Personal data is only ever carried as keyed hashes.
 *
 * <p>Build instances with {@link #fromEvent(RiskEvent)} and {@link #fromLabel(Label)}; the fields
 * are public only because Flink's serializer needs them.
 */
public class FeatureInput {
    /** Whether an input is an event or a label. */
    public enum Kind {
        /** An accepted {@link RiskEvent}. */
        EVENT,
        /** An analyst {@link Label}. */
        LABEL
    }

    public Kind kind;
    /** The event id (events) or a synthetic id (labels); for diagnostics only. */
    public String eventId;
    public EventType eventType;
    /** When it happened (events) or was recorded (labels), epoch millis: the event time. */
    public long eventTimeMillis;
    public String accountId;
    /** When the account was registered, epoch millis; {@code null} when unknown. */
    public Long accountCreatedAtMillis;
    public String deviceId;
    /** Canonical IP literal. */
    public String ip;
    /** The /24 or /64 the IP belongs to. */
    public String subnet;
    public String phoneHash;
    public String emailHash;
    public String addressHash;
    public String paymentHash;
    public String campaignId;
    /** What the buyer pays (orders only). */
    public Double orderAmount;
    /** The price before discounts (orders only). */
    public Double orderListPrice;
    /** Labels only: the verdict. */
    public LabelValue labelValue;
    /** Labels only: what kind of entity was labelled. */
    public EntityType labelEntityType;
    /** Labels only: the labelled entity's id (keyed hash for personal data). */
    public String labelEntityId;

    /** For Flink's serializer; use the factories. */
    public FeatureInput() {
    }

    /**
     * Flattens an accepted event.
     *
     * @throws IllegalArgumentException if the event has no {@code occurredAt} (the engine fills it in
     *                                  before events reach the stream)
     * @throws IllegalStateException    if personal data in it is still raw
     */
    public static FeatureInput fromEvent(RiskEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.occurredAt() == null) {
            throw new IllegalArgumentException("event " + event.eventId()
                    + " has no occurredAt; the engine must fill it in before it reaches the feature job");
        }
        FeatureInput in = new FeatureInput();
        in.kind = Kind.EVENT;
        in.eventId = event.eventId();
        in.eventType = event.type();
        in.eventTimeMillis = event.occurredAt().toEpochMilli();
        in.accountId = event.account().id();
        in.accountCreatedAtMillis = event.account().createdAt() == null ? null
                : event.account().createdAt().toEpochMilli();
        in.phoneHash = hashOf(event.account().phone());
        in.emailHash = hashOf(event.account().email());
        if (event.device() != null) {
            in.deviceId = event.device().id();
        }
        if (event.network() != null && event.network().ip() != null) {
            in.ip = event.network().ip();
            in.subnet = event.network().subnet();
        }
        if (event.coupon() != null) {
            in.campaignId = event.coupon().campaignId();
        }
        if (event.order() != null) {
            in.orderAmount = event.order().amount().doubleValue();
            in.orderListPrice = event.order().listPrice().doubleValue();
            in.addressHash = hashOf(event.order().shippingAddress());
            in.paymentHash = hashOf(event.order().paymentInstrument());
        }
        return in;
    }

    /** Flattens an analyst label; its event time is {@code labelledAt}. */
    public static FeatureInput fromLabel(Label label) {
        Objects.requireNonNull(label, "label");
        FeatureInput in = new FeatureInput();
        in.kind = Kind.LABEL;
        in.eventId = "label:" + label.entityType() + ":" + label.entityId() + ":" + label.labelledAt().toEpochMilli();
        in.eventTimeMillis = label.labelledAt().toEpochMilli();
        in.labelValue = label.label();
        in.labelEntityType = label.entityType();
        in.labelEntityId = label.entityId();
        if (label.entityType() == EntityType.ACCOUNT) {
            in.accountId = label.entityId();
        }
        return in;
    }

    private static String hashOf(PersonalData data) {
        return data == null ? null : data.hash();
    }

    /** True for an event of the given type. */
    public boolean isEvent(EventType type) {
        return kind == Kind.EVENT && eventType == type;
    }

    /**
     * True for an order paying at most {@code maxPriceRatio} of its list price (a list price of zero
     * is never low-price).
     */
    public boolean isLowPriceOrder(double maxPriceRatio) {
        return isEvent(EventType.ORDER) && orderAmount != null && orderListPrice != null && orderListPrice > 0
                && orderAmount / orderListPrice <= maxPriceRatio;
    }

    @Override
    public String toString() {
        // ids only: the hashes are not secret, but there is no reason to print them
        return "FeatureInput[" + kind + " " + eventId + " " + (kind == Kind.EVENT ? eventType : labelValue)
                + " @" + eventTimeMillis + " account=" + accountId + "]";
    }
}
