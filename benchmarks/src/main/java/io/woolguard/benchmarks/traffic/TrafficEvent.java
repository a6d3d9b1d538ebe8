package io.woolguard.benchmarks.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.Order;
import io.woolguard.core.RiskEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * One simulated storefront event with its ground truth.
 *
 * <p>{@link #event()} carries personal data <em>raw</em>, exactly as a storefront would send it:
 * the engine hashes it on entry. {@link #json()} renders the same event as the CONTRACT §1 request
 * body for {@code POST /v1/decisions}. The raw values are synthetic (generated numbers and
 * addresses), never real personal data.
 *
 * @param event             the event, personal data raw
 * @param scenario          the behaviour it comes from; {@code scenario.actor()} is the ground truth
 * @param phone             the raw phone number sent, or {@code null}
 * @param email             the raw e-mail sent, or {@code null}
 * @param shippingAddress   the raw shipping address sent, or {@code null}
 * @param paymentInstrument the raw payment instrument sent, or {@code null}
 */
public record TrafficEvent(RiskEvent event, Scenario scenario, String phone, String email,
                           String shippingAddress, String paymentInstrument) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Who is really behind this event. */
    public Actor actor() {
        return scenario.actor();
    }

    /** The CONTRACT §1 request body (UTF-8 JSON), personal data raw as a storefront sends it. */
    public byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("eventId", event.eventId());
            g.writeStringField("type", event.type().name());
            writeInstant(g, "occurredAt", event.occurredAt());
            g.writeObjectFieldStart("account");
            g.writeStringField("id", event.account().id());
            writeInstant(g, "createdAt", event.account().createdAt());
            writeIfPresent(g, "phone", phone);
            writeIfPresent(g, "email", email);
            g.writeEndObject();
            Device device = event.device();
            if (device != null) {
                g.writeObjectFieldStart("device");
                g.writeStringField("id", device.id());
                if (device.platform() != null) {
                    g.writeStringField("platform", device.platform().name());
                }
                g.writeBooleanField("emulator", device.isEmulator());
                g.writeBooleanField("rooted", device.isRooted());
                g.writeBooleanField("hooked", device.isHooked());
                writeIfPresent(g, "userAgent", device.userAgent());
                writeIfPresent(g, "timezone", device.timezone());
                g.writeEndObject();
            }
            if (event.network() != null && event.network().ip() != null) {
                g.writeObjectFieldStart("network");
                g.writeStringField("ip", event.network().ip());
                g.writeEndObject();
            }
            Coupon coupon = event.coupon();
            if (coupon != null) {
                g.writeObjectFieldStart("coupon");
                g.writeStringField("campaignId", coupon.campaignId());
                writeIfPresent(g, "couponId", coupon.couponId());
                g.writeFieldName("faceValue");
                g.writeNumber(coupon.faceValue());
                g.writeStringField("currency", coupon.currency());
                g.writeEndObject();
            }
            Order order = event.order();
            if (order != null) {
                g.writeObjectFieldStart("order");
                g.writeStringField("orderId", order.orderId());
                g.writeFieldName("amount");
                g.writeNumber(order.amount());
                g.writeFieldName("listPrice");
                g.writeNumber(order.listPrice());
                g.writeStringField("currency", order.currency());
                if (order.itemCount() != null) {
                    g.writeNumberField("itemCount", order.itemCount());
                }
                if (!order.couponIds().isEmpty()) {
                    g.writeArrayFieldStart("couponIds");
                    for (String id : order.couponIds()) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                }
                writeIfPresent(g, "shippingAddress", shippingAddress);
                writeIfPresent(g, "paymentInstrument", paymentInstrument);
                g.writeEndObject();
            }
            if (!event.attributes().isEmpty()) {
                g.writeObjectFieldStart("attributes");
                for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
                    Object value = attribute.getValue();
                    if (value instanceof Boolean b) {
                        g.writeBooleanField(attribute.getKey(), b);
                    } else if (value instanceof Integer || value instanceof Long) {
                        g.writeNumberField(attribute.getKey(), ((Number) value).longValue());
                    } else if (value instanceof Number number) {
                        g.writeNumberField(attribute.getKey(), number.doubleValue());
                    } else {
                        g.writeStringField(attribute.getKey(), String.valueOf(value));
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render event " + event.eventId(), e);
        }
        return out.toByteArray();
    }

    private static void writeInstant(JsonGenerator g, String field, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value.toString());
        }
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
