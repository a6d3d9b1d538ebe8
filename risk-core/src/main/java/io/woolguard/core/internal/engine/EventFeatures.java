package io.woolguard.core.internal.engine;

import io.woolguard.core.FeatureNames;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.RiskEvent;
import java.util.Map;
import java.util.Set;

/** The features derived from the event itself at decision time ({@code EVENT} in {@link FeatureNames}). */
final class EventFeatures {
    /** China's virtual-carrier (MVNO) mobile prefixes, as the phone hint gives them. */
    static final Set<String> VIRTUAL_CARRIER_HINTS = Set.of("+86-170", "+86-171", "+86-162", "+86-165", "+86-167");
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private EventFeatures() {
    }

    /** Adds the event-derived features of {@code event} (occurredAt set, personal data hashed) to {@code out}. */
    static void derive(RiskEvent event, Map<String, Double> out) {
        if (event.account().createdAt() != null) {
            long ageMillis = event.occurredAt().toEpochMilli() - event.account().createdAt().toEpochMilli();
            out.put(FeatureNames.ACCOUNT_AGE_HOURS, Math.max(0, ageMillis) / MILLIS_PER_HOUR);
        }
        PersonalData phone = event.account().phone();
        if (phone != null) {
            out.put(FeatureNames.PHONE_VIRTUAL_CARRIER, VIRTUAL_CARRIER_HINTS.contains(phone.hint()) ? 1.0 : 0.0);
        }
        Order order = event.order();
        if (order != null) {
            out.put(FeatureNames.ORDER_PRICE_RATIO, order.priceRatio());
            out.put(FeatureNames.ORDER_COUPON_COUNT, (double) order.couponIds().size());
        }
    }
}
