package io.woolguard.core;

/** What a storefront is asking about. Stable values: storefronts send them by name. */
public enum EventType {
    /** A user claims a coupon; {@link RiskEvent#coupon()} is required. */
    COUPON_CLAIM,
    /** A user places an order; {@link RiskEvent#order()} is required. */
    ORDER,
    /** A new account is registered. */
    REGISTRATION,
    /** An account logs in. */
    LOGIN
}
