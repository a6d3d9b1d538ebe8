package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Account;
import io.woolguard.core.Coupon;
import io.woolguard.core.Decision;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.Explanation;
import io.woolguard.core.FeatureVector;
import io.woolguard.core.Network;
import io.woolguard.core.Order;
import io.woolguard.core.Outcome;
import io.woolguard.core.PersonalData;
import io.woolguard.core.PersonalDataHasher;
import io.woolguard.core.Platform;
import io.woolguard.core.Reason;
import io.woolguard.core.RiskEvent;
import io.woolguard.core.ShadowDecision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationCodecTest {
    private static final Instant T = Instant.parse("2026-11-11T12:00:00.123456789Z");
    private final PersonalDataHasher hasher = PersonalDataHasher.withSecret("a test secret of some length");

    @Test
    void roundTrip_everyFieldExactly() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("channel", "wechat-miniprogram");
        attributes.put("vip", true);
        attributes.put("level", 3);
        attributes.put("points", 12_345_678_901L);
        attributes.put("ratio", 0.25);
        attributes.put("big", new BigInteger("123456789012345678901234567890"));
        attributes.put("price", new BigDecimal("19.90"));
        RiskEvent event = new RiskEvent("e-1", EventType.ORDER, T,
                new Account("u-1", T.minusSeconds(3600), PersonalData.raw("+8617012345678"), null),
                new Device("d-1", Platform.ANDROID, true, null, false, "Mozilla/5.0 \u4e2d\u6587", "Asia/Shanghai"),
                new Network("2001:db8::1"), new Coupon("double11", null, new BigDecimal("20.00"), "CNY"),
                new Order("o-1", new BigDecimal("0.01"), new BigDecimal("199.00"), "CNY", null, List.of("cp-1", "cp-2"),
                        PersonalData.raw("88 Nanjing Road"), null),
                attributes).protect(hasher);
        Decision decision = new Decision("e-1", Outcome.REVIEW, 70,
                List.of(new Reason("ORDER_FAR_BELOW_LIST_PRICE", "low-price", 40, "paid 0.01 of 199.00"),
                        new Reason("LISTED_WATCH", "list:WATCH", 30, "")),
                "2026-11-11T11:00:00Z-abcdef",
                new ShadowDecision(Outcome.BLOCK, 90, List.of(new Reason("X", "x", 90, "m")), "2026-11-11T11:30:00Z-123456"),
                true, "stream", T);
        Explanation explanation = new Explanation(decision, event,
                new FeatureVector(Map.of("order.price_ratio", 0.01 / 199, "lists.watched", 1.0)), List.of("low-price", "x"));

        Explanation back = ExplanationCodec.decode(ExplanationCodec.encode(explanation));

        assertEquals(explanation, back);
        assertEquals(Integer.class, back.event().attributes().get("level").getClass());
        assertEquals(new BigDecimal("19.90"), back.event().attributes().get("price"));
        assertEquals(T, back.decision().decidedAt(), "nanoseconds survive");
    }

    @Test
    void encode_refusesRawPersonalData() {
        RiskEvent raw = RiskEvent.builder("e-2", EventType.LOGIN, "u-1").occurredAt(T).phone("+8617012345678").build();
        Decision decision = new Decision("e-2", Outcome.ALLOW, 0, List.of(), null, null, false, null, T);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExplanationCodec.encode(new Explanation(decision, raw, FeatureVector.empty(), List.of())));
        assertTrue(e.getMessage().startsWith("refusing to store raw personal data"), e.getMessage());
    }

    @Test
    void decode_unknownVersion_saysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExplanationCodec.decode(new byte[] {7}));
        assertTrue(e.getMessage().contains("unknown stored-decision encoding version 7"), e.getMessage());
    }
}
