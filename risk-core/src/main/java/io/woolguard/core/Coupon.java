package io.woolguard.core;

import java.math.BigDecimal;

/**
 * The coupon being claimed.
 *
 * @param campaignId the promotion, required
 * @param couponId   the coupon, optional
 * @param faceValue  what the coupon is worth, required, ≥ 0
 * @param currency   ISO 4217, required
 */
public record Coupon(String campaignId, String couponId, BigDecimal faceValue, String currency) {
    public Coupon {
        Validation v = new Validation();
        v.id(campaignId, "coupon.campaignId", true);
        v.id(couponId, "coupon.couponId", false);
        v.nonNegative(faceValue, "coupon.faceValue");
        v.currency(currency, "coupon.currency");
        v.throwIfAny();
    }
}
