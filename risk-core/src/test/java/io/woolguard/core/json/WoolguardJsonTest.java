package io.woolguard.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Decision;
import io.woolguard.core.EventType;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.Outcome;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.ShadowDecision;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WoolguardJsonTest {
    private static final String CLAIM = """
            {
              "eventId": "c-20261122-000173",
              "type": "COUPON_CLAIM",
              "occurredAt": "2026-11-22T03:00:00Z",
              "account": { "id": "u-1001", "createdAt": "2026-11-21T22:10:00Z",
                           "phone": "+8617012345678", "email": "A@Example.com" },
              "device":  { "id": "d-77", "platform": "ANDROID", "emulator": false, "rooted": false,
                           "userAgent": "Mozilla/5.0", "timezone": "Asia/Shanghai" },
              "network": { "ip": "203.0.113.7" },
              "coupon":  { "campaignId": "double11", "couponId": "cp-9", "faceValue": 20.00, "currency": "CNY" },
              "order":   null,
              "attributes": { "channel": "wechat-miniprogram", "retries": 2, "vip": true }
            }
            """;
    private static final PersonalDataHasher HASHER = PersonalDataHasher.withSecret("test-secret-0123456789");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writeEvent_writesEveryKindOfAttributeValueAsJackson_andReadsItBack() {
        RiskEvent event = RiskEvent.builder("e-attr", EventType.LOGIN, "u-1")
                .occurredAt(Instant.parse("2026-11-22T03:00:00Z"))
                .attribute("text", "wechat").attribute("flag", true).attribute("long", 5L).attribute("int", 7)
                .attribute("double", 1.5).attribute("decimal", new BigDecimal("0.10")).attribute("float", 2.5f)
                .build();
        String json = new String(WoolguardJson.writeEvent(event), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"attributes\":{\"text\":\"wechat\",\"flag\":true,\"long\":5,\"int\":7,"
                + "\"double\":1.5,\"decimal\":0.10,\"float\":2.5}"), json);

        RiskEvent back = WoolguardJson.readEvent(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("wechat", back.attributes().get("text"));
        assertEquals(true, back.attributes().get("flag"));
        assertEquals(5L, back.attributes().get("long"));
        assertEquals(7L, back.attributes().get("int"), "integral numbers read back as longs");
        assertEquals(1.5, back.attributes().get("double"));
        assertEquals(0.1, back.attributes().get("decimal"));
        assertEquals(2.5, back.attributes().get("float"));
    }

    @Test
    void readEvent_readsContractExample() {
        RiskEvent event = WoolguardJson.readEvent(utf8(CLAIM));

        assertEquals("c-20261122-000173", event.eventId());
        assertEquals(EventType.COUPON_CLAIM, event.type());
        assertEquals(Instant.parse("2026-11-22T03:00:00Z"), event.occurredAt());
        assertEquals(new BigDecimal("20.00"), event.coupon().faceValue());
        assertEquals("203.0.113.0/24", event.network().subnet());
        assertEquals(2L, event.attributes().get("retries"));
        assertTrue(event.hasRawPersonalData());
    }

    @Test
    void writeEvent_refusesRawPersonalData_andRoundTripsHashed() {
        RiskEvent raw = WoolguardJson.readEvent(utf8(CLAIM));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> WoolguardJson.writeEvent(raw));
        assertTrue(refused.getMessage().contains("raw personal data"), refused.getMessage());

        RiskEvent hashed = raw.protect(HASHER);
        byte[] json = WoolguardJson.writeEvent(hashed);
        String text = new String(json, StandardCharsets.UTF_8);
        assertFalse(text.contains("17012345678"), text);
        assertFalse(text.contains("a@example.com"), text);
        assertTrue(text.contains("\"hint\":\"+86-170\""), text);

        RiskEvent back = WoolguardJson.readEvent(json);
        assertEquals(hashed, back);
        assertEquals("example.com", back.account().email().hint());
    }

    @Test
    void readEvent_namesEveryBadField() {
        String bad = """
                {"eventId": "", "type": "CLAIM", "account": {"id": 5},
                 "coupon": {"campaignId": "x", "faceValue": "20", "currency": "yuan"},
                 "network": {"ip": "999.1.1.1"}, "device": {"id": "d", "emulator": "no"}}
                """;
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> WoolguardJson.readEvent(utf8(bad)));

        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("eventId", "type", "account.id", "coupon.faceValue", "coupon.currency",
                "network.ip", "device.emulator")), fields.toString());
        assertTrue(e.getMessage().contains("type: must be one of COUPON_CLAIM"), e.getMessage());
    }

    @Test
    void readEvent_requiresCouponForClaims() {
        String json = "{\"eventId\":\"e1\",\"type\":\"COUPON_CLAIM\",\"account\":{\"id\":\"u\"}}";
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> WoolguardJson.readEvent(utf8(json)));
        assertEquals(List.of(new FieldError("coupon", "is required for COUPON_CLAIM")), e.errors());
    }

    @Test
    void parse_reportsMalformedJsonWithLocation() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> WoolguardJson.readEvent(utf8("{\"eventId\": \"x\",\n \"type\": }")));
        assertEquals("body", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("line 2"), e.getMessage());
    }

    @Test
    void parse_rejectsDeepNesting() {
        String deep = "{\"a\":".repeat(WoolguardJson.MAX_NESTING_DEPTH + 5) + "1" + "}".repeat(WoolguardJson.MAX_NESTING_DEPTH + 5);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> WoolguardJson.parse(utf8(deep)));
        assertTrue(e.getMessage().toLowerCase().contains("nesting"), e.getMessage());
    }

    @Test
    void readEvent_rejectsAbsurdAmounts() {
        String json = CLAIM.replace("\"faceValue\": 20.00", "\"faceValue\": 1e400");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> WoolguardJson.readEvent(utf8(json)));
        assertEquals("coupon.faceValue", e.errors().get(0).field());
    }

    @Test
    void readEvents_prefixesErrorsWithTheirIndex() {
        String batch = "[" + CLAIM + ", {\"eventId\":\"e2\",\"type\":\"LOGIN\"}]";
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> WoolguardJson.readEvents(utf8(batch)));
        assertEquals(List.of(new FieldError("events[1].account", "is required")), e.errors());
    }

    @Test
    void decision_roundTripsWithShadowAndDegraded() {
        Decision decision = new Decision("e1", Outcome.BLOCK, 92,
                List.of(new Reason("DEVICE_SHARED_BY_MANY_ACCOUNTS", "device-farm", 45, "device d-77 used by 23 accounts")),
                "2026-11-22T02:58:41Z-7f3a9c",
                new ShadowDecision(Outcome.REVIEW, 60, List.of(), "2026-11-22T02:59:00Z-aaaaaa"),
                true, "rules: exceeded 1000 firings", Instant.parse("2026-11-22T03:00:00.004Z"));

        Decision back = WoolguardJson.readDecision(WoolguardJson.writeDecision(decision));

        assertEquals(decision, back);
    }

    @Test
    void decisionNode_alwaysHasShadowField() {
        Decision decision = new Decision("e1", Outcome.ALLOW, 0, List.of(), "v1", null, false, null,
                Instant.parse("2026-11-22T03:00:00Z"));
        String json = new String(WoolguardJson.writeDecision(decision), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"shadow\":null"), json);
        assertFalse(json.contains("degradedReason"), json);
        assertNull(WoolguardJson.readDecision(utf8(json)).shadow());
    }
}
