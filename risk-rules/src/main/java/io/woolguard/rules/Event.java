package io.woolguard.rules;

import io.woolguard.core.Account;
import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.RiskEvent;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The event as rules see it: a read-only view of a {@link RiskEvent} with personal data already
 * replaced by keyed hashes. Match it in a condition ({@code e : Event(type == "COUPON_CLAIM")}).
 *
 * <p>Designed so that conditions never meet {@code null}: absent text is {@code ""}, absent
 * amounts are {@code 0}, an unknown account age reads as {@link #UNKNOWN_AGE_HOURS} (so an account
 * whose creation time the storefront did not send is never "new"), and the price ratio without
 * an order is 1. Use the {@code has...} / {@code accountAgeKnown} properties when absence itself
 * matters. Enum values are their UPPER_SNAKE names.
 *
 * <p>Read-only and thread-safe (a lower-cased user agent is cached on first use).
 */
public final class Event {
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    /** What {@link #getAccountAgeHours()} reads when the age is unknown: about 114 years, never "new". */
    public static final double UNKNOWN_AGE_HOURS = 1_000_000.0;

    private final RiskEvent event;
    private final double accountAgeHours;
    private String userAgentLower;

    private Event(RiskEvent event) {
        this.event = event;
        this.accountAgeHours = ageHours(event);
    }

    /** A view of {@code event}; its personal data must already be hashed. */
    public static Event of(RiskEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.hasRawPersonalData()) {
            throw new IllegalArgumentException("rules see only hashed personal data: protect the event first");
        }
        return new Event(event);
    }

    /** The underlying event (for the engine; not reachable from rules). */
    RiskEvent event() {
        return event;
    }

    // --- the event

    /** The event id. */
    public String getEventId() {
        return event.eventId();
    }

    /** {@code COUPON_CLAIM}, {@code ORDER}, {@code REGISTRATION} or {@code LOGIN}. */
    public String getType() {
        return event.type().name();
    }

    /** True for a coupon claim. */
    public boolean isClaim() {
        return event.type() == io.woolguard.core.EventType.COUPON_CLAIM;
    }

    /** True for an order. */
    public boolean isOrder() {
        return event.type() == io.woolguard.core.EventType.ORDER;
    }

    /** When it happened, epoch milliseconds; 0 when not yet known. */
    public long getOccurredAtMillis() {
        Instant at = event.occurredAt();
        return at == null ? 0L : at.toEpochMilli();
    }

    /** The hour of day (0–23) in the device's time zone, or UTC without one; -1 when the time is unknown. */
    public int getLocalHour() {
        Instant at = event.occurredAt();
        if (at == null) {
            return -1;
        }
        ZoneId zone = ZoneId.of("UTC");
        String timezone = getTimezone();
        if (!timezone.isEmpty()) {
            try {
                zone = ZoneId.of(timezone);
            } catch (DateTimeException e) {
                // an unknown zone id from the client: fall back to UTC
            }
        }
        return at.atZone(zone).getHour();
    }

    // --- account

    /** The account id. */
    public String getAccountId() {
        return event.account().id();
    }

    /** True when the storefront said when the account was created (and the event time is known). */
    public boolean isAccountAgeKnown() {
        return accountAgeHours != UNKNOWN_AGE_HOURS;
    }

    /** Hours from account creation to the event (0 if created "after" it); {@link #UNKNOWN_AGE_HOURS} when unknown. */
    public double getAccountAgeHours() {
        return accountAgeHours;
    }

    /** Days from account creation to the event; {@link #UNKNOWN_AGE_HOURS} / 24 when unknown. */
    public double getAccountAgeDays() {
        return accountAgeHours / 24.0;
    }

    /** True when the event carries a phone number (hashed). */
    public boolean isHasPhone() {
        return event.account().phone() != null;
    }

    /** The phone's non-identifying hint, e.g. {@code +86-170} (country code and carrier prefix); {@code ""} when absent. */
    public String getPhoneHint() {
        return hint(event.account().phone());
    }

    /** True when the event carries an e-mail address (hashed). */
    public boolean isHasEmail() {
        return event.account().email() != null;
    }

    /** The e-mail's domain, lower case, e.g. {@code example.com}; {@code ""} when absent. */
    public String getEmailDomain() {
        return hint(event.account().email());
    }

    // --- device

    /** True when the event names a device. */
    public boolean isHasDevice() {
        return event.device() != null;
    }

    /** The device id; {@code ""} when absent. */
    public String getDeviceId() {
        Device device = event.device();
        return device == null ? "" : device.id();
    }

    /** {@code IOS}, {@code ANDROID}, {@code WEB}, {@code MINI_PROGRAM}, {@code OTHER}; {@code ""} when unknown. */
    public String getPlatform() {
        Device device = event.device();
        return device == null || device.platform() == null ? "" : device.platform().name();
    }

    /** The client SDK detected an emulator. */
    public boolean isEmulator() {
        Device device = event.device();
        return device != null && device.isEmulator();
    }

    /** The client SDK detected root or jailbreak. */
    public boolean isRooted() {
        Device device = event.device();
        return device != null && device.isRooted();
    }

    /** The client SDK detected a hooking framework (Frida, Xposed) or a tampered app. */
    public boolean isHooked() {
        Device device = event.device();
        return device != null && device.isHooked();
    }

    /** The user agent as sent; {@code ""} when absent. */
    public String getUserAgent() {
        Device device = event.device();
        return device == null || device.userAgent() == null ? "" : device.userAgent();
    }

    /** The user agent in lower case, for case-insensitive {@code contains}; {@code ""} when absent. */
    public String getUserAgentLower() {
        String lower = userAgentLower;
        if (lower == null) {
            lower = getUserAgent().toLowerCase(java.util.Locale.ROOT);
            userAgentLower = lower; // racy but idempotent: every thread computes the same value
        }
        return lower;
    }

    /** The device's IANA time zone; {@code ""} when absent. */
    public String getTimezone() {
        Device device = event.device();
        return device == null || device.timezone() == null ? "" : device.timezone();
    }

    // --- network

    /** True when the event carries an IP address. */
    public boolean isHasIp() {
        return event.network() != null && event.network().ip() != null;
    }

    /** The IP in canonical form; {@code ""} when absent. */
    public String getIp() {
        return isHasIp() ? event.network().ip() : "";
    }

    /** The IP's /24 (IPv4) or /64 (IPv6), e.g. {@code 203.0.113.0/24}; {@code ""} when absent. */
    public String getSubnet() {
        return isHasIp() ? event.network().subnet() : "";
    }

    // --- coupon

    /** True when the event claims a coupon. */
    public boolean isHasCoupon() {
        return event.coupon() != null;
    }

    /** The campaign id; {@code ""} when absent. */
    public String getCampaignId() {
        Coupon coupon = event.coupon();
        return coupon == null ? "" : coupon.campaignId();
    }

    /** The coupon id; {@code ""} when absent. */
    public String getCouponId() {
        Coupon coupon = event.coupon();
        return coupon == null || coupon.couponId() == null ? "" : coupon.couponId();
    }

    /** The coupon's face value; 0 when absent. */
    public double getCouponFaceValue() {
        Coupon coupon = event.coupon();
        return coupon == null ? 0.0 : coupon.faceValue().doubleValue();
    }

    /** The currency of the coupon, or else of the order; {@code ""} when neither. */
    public String getCurrency() {
        if (event.coupon() != null) {
            return event.coupon().currency();
        }
        return event.order() == null ? "" : event.order().currency();
    }

    // --- order

    /** True when the event carries an order. */
    public boolean isHasOrder() {
        return event.order() != null;
    }

    /** The order id; {@code ""} when absent. */
    public String getOrderId() {
        Order order = event.order();
        return order == null ? "" : order.orderId();
    }

    /** What the buyer pays; 0 when there is no order. */
    public double getOrderAmount() {
        Order order = event.order();
        return order == null ? 0.0 : order.amount().doubleValue();
    }

    /** The price before discounts; 0 when there is no order. */
    public double getOrderListPrice() {
        Order order = event.order();
        return order == null ? 0.0 : order.listPrice().doubleValue();
    }

    /** amount / listPrice (0.05 means paid 5% of the list price); 1 for a zero list price or without an order. */
    public double getPriceRatio() {
        Order order = event.order();
        return order == null ? 1.0 : order.priceRatio();
    }

    /** How many coupons the order applies; 0 without an order. */
    public int getCouponCount() {
        Order order = event.order();
        return order == null ? 0 : order.couponIds().size();
    }

    /** The order's item count; 0 when absent. */
    public int getItemCount() {
        Order order = event.order();
        return order == null || order.itemCount() == null ? 0 : order.itemCount();
    }

    /** True when the order names a shipping address (hashed). */
    public boolean isHasShippingAddress() {
        return event.order() != null && event.order().shippingAddress() != null;
    }

    /** True when the order names a payment instrument (hashed). */
    public boolean isHasPaymentInstrument() {
        return event.order() != null && event.order().paymentInstrument() != null;
    }

    // --- attributes

    /** The storefront's attributes (string, number or boolean values); read-only. */
    public Map<String, Object> getAttributes() {
        return event.attributes();
    }

    /** True when the attribute is present. */
    public boolean hasAttr(String key) {
        return event.attributes().containsKey(key);
    }

    /** The attribute as text; {@code ""} when absent. */
    public String attr(String key) {
        Object value = event.attributes().get(key);
        return value == null ? "" : value.toString();
    }

    /** The attribute as a number: numbers as they are, booleans as 0/1, numeric text parsed; 0 otherwise. */
    public double attrNum(String key) {
        Object value = event.attributes().get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean flag) {
            return flag ? 1.0 : 0.0;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip()).doubleValue();
            } catch (NumberFormatException e) {
                return 0.0;
            }
        }
        return 0.0;
    }

    private static String hint(PersonalData data) {
        return data == null || data.hint() == null ? "" : data.hint();
    }

    private static double ageHours(RiskEvent event) {
        Account account = event.account();
        if (account.createdAt() == null || event.occurredAt() == null) {
            return UNKNOWN_AGE_HOURS;
        }
        double hours = Duration.between(account.createdAt(), event.occurredAt()).toMillis() / MILLIS_PER_HOUR;
        return Math.max(0.0, Math.min(hours, UNKNOWN_AGE_HOURS - 1));
    }

    @Override
    public String toString() {
        return "Event[" + event.eventId() + ", " + event.type() + "]";
    }
}
