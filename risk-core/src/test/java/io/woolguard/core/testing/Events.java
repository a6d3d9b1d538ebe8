package io.woolguard.core.testing;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.RiskEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Readable event fixtures. */
public final class Events {
    private Events() {
    }

    /** A coupon claim of campaign {@code double11} from an account, device and IP at a time. */
    public static RiskEvent claim(String eventId, String account, String device, String ip, Instant at) {
        RiskEvent.Builder b = RiskEvent.builder(eventId, EventType.COUPON_CLAIM, account)
                .occurredAt(at)
                .coupon(new Coupon("double11", "cp-9", new BigDecimal("20.00"), "CNY"));
        if (device != null) {
            b.device(Device.of(device));
        }
        if (ip != null) {
            b.ip(ip);
        }
        return b.build();
    }

    /** A claim with a phone number (raw). */
    public static RiskEvent claimWithPhone(String eventId, String account, String phone, Instant at) {
        return RiskEvent.builder(eventId, EventType.COUPON_CLAIM, account)
                .occurredAt(at)
                .phone(phone)
                .coupon(new Coupon("double11", "cp-9", new BigDecimal("20.00"), "CNY"))
                .build();
    }

    /** An order paying {@code amount} of {@code listPrice}, with raw address and payment instrument. */
    public static RiskEvent order(String eventId, String account, String amount, String listPrice, Instant at,
                                  String address, String payment, String... coupons) {
        return RiskEvent.builder(eventId, EventType.ORDER, account)
                .occurredAt(at)
                .order(new Order("o-" + eventId, new BigDecimal(amount), new BigDecimal(listPrice), "CNY", 1,
                        List.of(coupons), address == null ? null : PersonalData.raw(address),
                        payment == null ? null : PersonalData.raw(payment)))
                .build();
    }
}
