package io.woolguard.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The order being placed.
 *
 * @param orderId           required
 * @param amount            what the buyer pays, ≥ 0
 * @param listPrice         the price before discounts, ≥ 0
 * @param currency          ISO 4217
 * @param itemCount         optional, ≥ 1 when present
 * @param couponIds         coupons applied to the order, at most 32; empty when none
 * @param shippingAddress   optional personal data
 * @param paymentInstrument optional personal data
 */
public record Order(String orderId, BigDecimal amount, BigDecimal listPrice, String currency, Integer itemCount,
                    List<String> couponIds, PersonalData shippingAddress, PersonalData paymentInstrument) {
    private static final int MAX_COUPONS = 32;

    public Order {
        Validation v = new Validation();
        v.id(orderId, "order.orderId", true);
        v.nonNegative(amount, "order.amount");
        v.nonNegative(listPrice, "order.listPrice");
        v.currency(currency, "order.currency");
        if (itemCount != null && itemCount < 1) {
            v.fail("order.itemCount", "must be >= 1");
        }
        couponIds = couponIds == null ? List.of() : couponIds;
        if (couponIds.size() > MAX_COUPONS) {
            v.fail("order.couponIds", "must have at most " + MAX_COUPONS + " entries");
        }
        for (int i = 0; i < couponIds.size(); i++) {
            v.id(couponIds.get(i), "order.couponIds[" + i + "]", true);
        }
        v.throwIfAny();
        couponIds = List.copyOf(couponIds);
    }

    /** amount / listPrice in [0, 1+], or 1 when the list price is zero. */
    public double priceRatio() {
        if (listPrice.signum() == 0) {
            return 1.0;
        }
        return amount.divide(listPrice, 6, RoundingMode.HALF_UP).doubleValue();
    }

    Order protect(PersonalDataHasher hasher) {
        return new Order(orderId, amount, listPrice, currency, itemCount, couponIds,
                hasher.protect(PersonalDataKind.ADDRESS, shippingAddress),
                hasher.protect(PersonalDataKind.PAYMENT, paymentInstrument));
    }
}
