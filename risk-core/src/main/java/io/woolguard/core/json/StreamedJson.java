package io.woolguard.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.woolguard.core.Coupon;
import io.woolguard.core.Decision;
import io.woolguard.core.Device;
import io.woolguard.core.Explanation;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.ShadowDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The documents a decision writes, the event (into the event journal), the decision (the HTTP
 * response) and the explained and stored forms, written straight to a generator: building them as
 * trees first was a sizeable part of what a decision allocates. Field order is the contract's;
 * {@code StreamedJsonTest} holds the bytes to those the trees gave.
 */
final class StreamedJson {
    private StreamedJson() {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(ObjectMapper mapper, Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1_024)) {
            try (JsonGenerator g = mapper.createGenerator(out)) {
                body.write(g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize JSON", e); // in-memory output does not fail
        }
    }

    /** The event; the caller has checked that its personal data is hashed. */
    static byte[] event(ObjectMapper mapper, RiskEvent event) {
        return write(mapper, g -> writeEvent(mapper, g, event));
    }

    private static void writeEvent(ObjectMapper mapper, JsonGenerator g, RiskEvent event) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventId", event.eventId());
        g.writeStringField("type", event.type().name());
        instant(g, "occurredAt", event.occurredAt());
        g.writeObjectFieldStart("account");
        g.writeStringField("id", event.account().id());
        instant(g, "createdAt", event.account().createdAt());
        personal(g, "phone", event.account().phone());
        personal(g, "email", event.account().email());
        g.writeEndObject();
        Device device = event.device();
        if (device != null) {
            g.writeObjectFieldStart("device");
            g.writeStringField("id", device.id());
            ifPresent(g, "platform", device.platform() == null ? null : device.platform().name());
            if (device.emulator() != null) {
                g.writeBooleanField("emulator", device.emulator());
            }
            if (device.rooted() != null) {
                g.writeBooleanField("rooted", device.rooted());
            }
            if (device.hooked() != null) {
                g.writeBooleanField("hooked", device.hooked());
            }
            ifPresent(g, "userAgent", device.userAgent());
            ifPresent(g, "timezone", device.timezone());
            g.writeEndObject();
        }
        if (event.network() != null) {
            g.writeObjectFieldStart("network");
            ifPresent(g, "ip", event.network().ip());
            g.writeEndObject();
        }
        Coupon coupon = event.coupon();
        if (coupon != null) {
            g.writeObjectFieldStart("coupon");
            g.writeStringField("campaignId", coupon.campaignId());
            ifPresent(g, "couponId", coupon.couponId());
            decimal(g, "faceValue", coupon.faceValue());
            g.writeStringField("currency", coupon.currency());
            g.writeEndObject();
        }
        Order order = event.order();
        if (order != null) {
            g.writeObjectFieldStart("order");
            g.writeStringField("orderId", order.orderId());
            decimal(g, "amount", order.amount());
            decimal(g, "listPrice", order.listPrice());
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
            personal(g, "shippingAddress", order.shippingAddress());
            personal(g, "paymentInstrument", order.paymentInstrument());
            g.writeEndObject();
        }
        if (!event.attributes().isEmpty()) {
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
                attribute(mapper, g, attribute.getKey(), attribute.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The decision in the CONTRACT §2 shape; {@code shadow} is always present (null when none). */
    static byte[] decision(ObjectMapper mapper, Decision decision) {
        return write(mapper, g -> writeDecision(g, decision));
    }

    /** The decision's fields, then {@code features} (by name) and {@code rulesEvaluated}. */
    static byte[] explainedDecision(ObjectMapper mapper, Explanation explanation) {
        return write(mapper, g -> {
            g.writeStartObject();
            writeDecisionFields(g, explanation.decision());
            writeFeaturesAndRules(g, explanation);
            g.writeEndObject();
        });
    }

    /** A stored decision: {@code decision}, {@code event}, {@code features}, {@code rulesEvaluated}. */
    static byte[] explanation(ObjectMapper mapper, Explanation explanation) {
        return write(mapper, g -> {
            g.writeStartObject();
            g.writeFieldName("decision");
            writeDecision(g, explanation.decision());
            g.writeFieldName("event");
            writeEvent(mapper, g, explanation.event());
            writeFeaturesAndRules(g, explanation);
            g.writeEndObject();
        });
    }

    private static void writeFeaturesAndRules(JsonGenerator g, Explanation explanation) throws IOException {
        g.writeObjectFieldStart("features");
        for (Map.Entry<String, Double> feature : explanation.features().sorted().entrySet()) {
            g.writeNumberField(feature.getKey(), feature.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("rulesEvaluated");
        for (String rule : explanation.rulesEvaluated()) {
            g.writeString(rule);
        }
        g.writeEndArray();
    }

    private static void writeDecision(JsonGenerator g, Decision decision) throws IOException {
        g.writeStartObject();
        writeDecisionFields(g, decision);
        g.writeEndObject();
    }

    private static void writeDecisionFields(JsonGenerator g, Decision decision) throws IOException {
        g.writeStringField("eventId", decision.eventId());
        g.writeStringField("outcome", decision.outcome().name());
        g.writeNumberField("score", decision.score());
        reasons(g, decision.reasons());
        g.writeStringField("rulesetVersion", decision.rulesetVersion());
        ShadowDecision shadow = decision.shadow();
        if (shadow == null) {
            g.writeNullField("shadow");
        } else {
            g.writeObjectFieldStart("shadow");
            g.writeStringField("outcome", shadow.outcome().name());
            g.writeNumberField("score", shadow.score());
            reasons(g, shadow.reasons());
            g.writeStringField("rulesetVersion", shadow.rulesetVersion());
            g.writeEndObject();
        }
        g.writeBooleanField("degraded", decision.degraded());
        ifPresent(g, "degradedReason", decision.degradedReason());
        instant(g, "decidedAt", decision.decidedAt());
    }

    private static void reasons(JsonGenerator g, List<Reason> reasons) throws IOException {
        g.writeArrayFieldStart("reasons");
        for (Reason reason : reasons) {
            g.writeStartObject();
            g.writeStringField("code", reason.code());
            g.writeStringField("ruleId", reason.ruleId());
            g.writeNumberField("score", reason.score());
            g.writeStringField("message", reason.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** As the tree's {@code putAttribute}: the types read back from JSON directly, any other through a tree. */
    private static void attribute(ObjectMapper mapper, JsonGenerator g, String key, Object value) throws IOException {
        if (value instanceof String text) {
            g.writeStringField(key, text);
        } else if (value instanceof Boolean flag) {
            g.writeBooleanField(key, flag);
        } else if (value instanceof Long number) {
            g.writeNumberField(key, number);
        } else if (value instanceof Integer number) {
            g.writeNumberField(key, number);
        } else if (value instanceof Double number) {
            g.writeNumberField(key, number);
        } else {
            g.writeFieldName(key);
            mapper.writeTree(g, mapper.valueToTree(value));
        }
    }

    private static void personal(JsonGenerator g, String name, PersonalData data) throws IOException {
        if (data == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("hash", data.hash());
        ifPresent(g, "hint", data.hint());
        g.writeEndObject();
    }

    private static void decimal(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void ifPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }
}
