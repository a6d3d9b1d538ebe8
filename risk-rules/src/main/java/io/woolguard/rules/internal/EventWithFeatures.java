package io.woolguard.rules.internal;

import io.woolguard.rules.Event;
import io.woolguard.rules.Features;
import java.util.Map;
import java.util.Objects;

/**
 * The event and its features as one fact: what {@link ConditionRewriter} matches a rule of exactly
 * one {@code Event} and one {@code Features} pattern against, so that the rule becomes a single
 * pattern, a chain of alpha constraints Drools shares and indexes across rules, with no join. Every
 * public method of {@link Event} and {@link Features} is here, delegated (a test checks it), plus
 * the catalogued feature properties of {@link CataloguedFeatures}. A merged rule binds the analyst's
 * names to the real facts ({@code e : event}, {@code f : features}), so consequences see exactly the
 * {@code Event} and {@code Features} they saw before.
 *
 * <p>Not a fact analysts can name (the sandbox allows only {@code Event} and {@code Features}).
 * Immutable and thread-safe, as the facts it wraps.
 */
public final class EventWithFeatures extends CataloguedFeatures {
    private final Event event;
    private final Features features;

    /** The two facts of one evaluation as one. */
    public EventWithFeatures(Event event, Features features) {
        super(Objects.requireNonNull(features, "features").vector());
        this.event = Objects.requireNonNull(event, "event");
        this.features = features;
    }

    /** The event, for binding the analyst's {@code Event} name. */
    public Event getEvent() {
        return event;
    }

    /** The features, for binding the analyst's {@code Features} name. */
    public Features getFeatures() {
        return features;
    }

    // --- Event, delegated

    /** {@link Event#attr}. */
    public String attr(String key) {
        return event.attr(key);
    }

    /** {@link Event#attrNum}. */
    public double attrNum(String key) {
        return event.attrNum(key);
    }

    /** {@link Event#getAccountAgeDays}. */
    public double getAccountAgeDays() {
        return event.getAccountAgeDays();
    }

    /** {@link Event#getAccountAgeHours}. */
    public double getAccountAgeHours() {
        return event.getAccountAgeHours();
    }

    /** {@link Event#getAccountId}. */
    public String getAccountId() {
        return event.getAccountId();
    }

    /** {@link Event#getAttributes}. */
    public Map<String, Object> getAttributes() {
        return event.getAttributes();
    }

    /** {@link Event#getCampaignId}. */
    public String getCampaignId() {
        return event.getCampaignId();
    }

    /** {@link Event#getCouponCount}. */
    public int getCouponCount() {
        return event.getCouponCount();
    }

    /** {@link Event#getCouponFaceValue}. */
    public double getCouponFaceValue() {
        return event.getCouponFaceValue();
    }

    /** {@link Event#getCouponId}. */
    public String getCouponId() {
        return event.getCouponId();
    }

    /** {@link Event#getCurrency}. */
    public String getCurrency() {
        return event.getCurrency();
    }

    /** {@link Event#getDeviceId}. */
    public String getDeviceId() {
        return event.getDeviceId();
    }

    /** {@link Event#getEmailDomain}. */
    public String getEmailDomain() {
        return event.getEmailDomain();
    }

    /** {@link Event#getEventId}. */
    public String getEventId() {
        return event.getEventId();
    }

    /** {@link Event#getIp}. */
    public String getIp() {
        return event.getIp();
    }

    /** {@link Event#getItemCount}. */
    public int getItemCount() {
        return event.getItemCount();
    }

    /** {@link Event#getLocalHour}. */
    public int getLocalHour() {
        return event.getLocalHour();
    }

    /** {@link Event#getOccurredAtMillis}. */
    public long getOccurredAtMillis() {
        return event.getOccurredAtMillis();
    }

    /** {@link Event#getOrderAmount}. */
    public double getOrderAmount() {
        return event.getOrderAmount();
    }

    /** {@link Event#getOrderId}. */
    public String getOrderId() {
        return event.getOrderId();
    }

    /** {@link Event#getOrderListPrice}. */
    public double getOrderListPrice() {
        return event.getOrderListPrice();
    }

    /** {@link Event#getPhoneHint}. */
    public String getPhoneHint() {
        return event.getPhoneHint();
    }

    /** {@link Event#getPlatform}. */
    public String getPlatform() {
        return event.getPlatform();
    }

    /** {@link Event#getPriceRatio}. */
    public double getPriceRatio() {
        return event.getPriceRatio();
    }

    /** {@link Event#getSubnet}. */
    public String getSubnet() {
        return event.getSubnet();
    }

    /** {@link Event#getTimezone}. */
    public String getTimezone() {
        return event.getTimezone();
    }

    /** {@link Event#getType}. */
    public String getType() {
        return event.getType();
    }

    /** {@link Event#getUserAgent}. */
    public String getUserAgent() {
        return event.getUserAgent();
    }

    /** {@link Event#getUserAgentLower}. */
    public String getUserAgentLower() {
        return event.getUserAgentLower();
    }

    /** {@link Event#hasAttr}. */
    public boolean hasAttr(String key) {
        return event.hasAttr(key);
    }

    /** {@link Event#isAccountAgeKnown}. */
    public boolean isAccountAgeKnown() {
        return event.isAccountAgeKnown();
    }

    /** {@link Event#isClaim}. */
    public boolean isClaim() {
        return event.isClaim();
    }

    /** {@link Event#isEmulator}. */
    public boolean isEmulator() {
        return event.isEmulator();
    }

    /** {@link Event#isHasCoupon}. */
    public boolean isHasCoupon() {
        return event.isHasCoupon();
    }

    /** {@link Event#isHasDevice}. */
    public boolean isHasDevice() {
        return event.isHasDevice();
    }

    /** {@link Event#isHasEmail}. */
    public boolean isHasEmail() {
        return event.isHasEmail();
    }

    /** {@link Event#isHasIp}. */
    public boolean isHasIp() {
        return event.isHasIp();
    }

    /** {@link Event#isHasOrder}. */
    public boolean isHasOrder() {
        return event.isHasOrder();
    }

    /** {@link Event#isHasPaymentInstrument}. */
    public boolean isHasPaymentInstrument() {
        return event.isHasPaymentInstrument();
    }

    /** {@link Event#isHasPhone}. */
    public boolean isHasPhone() {
        return event.isHasPhone();
    }

    /** {@link Event#isHasShippingAddress}. */
    public boolean isHasShippingAddress() {
        return event.isHasShippingAddress();
    }

    /** {@link Event#isHooked}. */
    public boolean isHooked() {
        return event.isHooked();
    }

    /** {@link Event#isOrder}. */
    public boolean isOrder() {
        return event.isOrder();
    }

    /** {@link Event#isRooted}. */
    public boolean isRooted() {
        return event.isRooted();
    }

    // --- Features, delegated

    /** {@link Features#count}. */
    public long count(String name) {
        return features.count(name);
    }

    /** {@link Features#has}. */
    public boolean has(String name) {
        return features.has(name);
    }

    /** {@link Features#num}. */
    public double num(String name) {
        return features.num(name);
    }

    @Override
    public String toString() {
        return "EventWithFeatures[" + event + ", " + features + "]";
    }
}
