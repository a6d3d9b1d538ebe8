package io.woolguard.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.woolguard.core.Coupon;
import io.woolguard.core.Decision;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed documents are byte for byte what the tree-building writers wrote. */
class StreamedJsonTest {
    private static final Instant T = Instant.parse("2026-11-22T03:00:00.120Z");
    private static final PersonalDataHasher HASHER = PersonalDataHasher.withSecret("streamed-json-test-secret");

    private static List<RiskEvent> events() {
        RiskEvent minimal = RiskEvent.builder("e-min", EventType.LOGIN, "u-1").occurredAt(T).build();
        RiskEvent claim = RiskEvent.builder("e-claim", EventType.COUPON_CLAIM, "u-2").occurredAt(T)
                .device(new Device("d-2", null, null, true, null, null, null)).ip("10.1.2.3")
                .coupon(new Coupon("spring-sale", null, new BigDecimal("20.00"), "CNY")).build();
        RiskEvent order = RiskEvent.builder("e-order", EventType.ORDER, "u-3").occurredAt(T)
                .accountCreatedAt(T.minusSeconds(7_200)).phone("+86 170 0000 1234").email("Ann@Example.com")
                .device(new Device("d-3", Platform.MINI_PROGRAM, false, false, true,
                        "Mozilla/5.0 \"headless\"\n微信", "Asia/Shanghai"))
                .ip("2001:db8::1")
                .order(new Order("o-3", new BigDecimal("0.01"), new BigDecimal("199.90"), "CNY", 2,
                        List.of("c-1", "c-2"), PersonalData.raw("上海市 浦东新区 1 号"), PersonalData.raw("4111 1111 1111 1111")))
                .attribute("channel", "微信小程序").attribute("vip", true).attribute("retries", 2L).attribute("int", 7)
                .attribute("ratio", 0.25).attribute("decimal", new BigDecimal("1.50")).attribute("float", 2.5f)
                .attribute("big", new BigInteger("123456789012345678901234567890")).build();
        return List.of(minimal, claim, order.protect(HASHER));
    }

    private static List<Decision> decisions() {
        List<Reason> reasons = List.of(new Reason("DEVICE_FARM", "device-farm", 60, "设备上有 31 个账户"),
                new Reason("WATCHED", "list-watch", 5, "on the \"watch\" list"));
        return List.of(
                new Decision("e-1", Outcome.ALLOW, 0, List.of(), "2026-11-22T03:00:00Z-abc123", null, false, null, T),
                new Decision("e-2", Outcome.BLOCK, 100, reasons, "v1",
                        new ShadowDecision(Outcome.REVIEW, 40, reasons.subList(0, 1), "v2"), false, null, T),
                new Decision("e-3", Outcome.ALLOW, 0, List.of(), null, null, true, "rules: time budget; stream", T));
    }

    private static io.woolguard.core.Explanation explanation() {
        java.util.Map<String, Double> features = new java.util.HashMap<>();
        features.put("device.accounts_24h", 31.0);
        features.put("account.age_hours", 0.5);
        features.put("ip.live_claims_1m", 12.0);
        return new io.woolguard.core.Explanation(decisions().get(1), events().get(2),
                new io.woolguard.core.FeatureVector(features), List.of("device-farm", "ip-pool", "list-watch"));
    }

    /**
     * What the tree-building writers gave for the fixtures above (the event journal and the HTTP
     * responses before the writers streamed), one document per line: events, decisions, the
     * explained decision, the stored explanation.
     */
    private static List<String> golden() throws java.io.IOException {
        try (var in = StreamedJsonTest.class.getResourceAsStream("/json/streamed-golden.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void everyDocument_isByteForByteWhatTheTreesWrote() throws Exception {
        List<String> golden = golden();
        List<RiskEvent> events = events();
        List<Decision> decisions = decisions();
        assertEquals(events.size() + decisions.size() + 2, golden.size(), "one golden line per document");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(golden.get(i), text(WoolguardJson.writeEvent(events.get(i))), events.get(i).eventId());
        }
        for (int i = 0; i < decisions.size(); i++) {
            assertEquals(golden.get(events.size() + i), text(WoolguardJson.writeDecision(decisions.get(i))),
                    decisions.get(i).eventId());
        }
        assertEquals(golden.get(golden.size() - 2), text(WoolguardJson.writeExplainedDecision(explanation())));
        assertEquals(golden.get(golden.size() - 1), text(WoolguardJson.writeExplanation(explanation())));
    }

    @Test
    void decisionsAndExplanations_readBack() {
        for (Decision decision : decisions()) {
            assertEquals(decision, WoolguardJson.readDecision(WoolguardJson.writeDecision(decision)));
        }
        io.woolguard.core.Explanation back = WoolguardJson.readExplanation(WoolguardJson.writeExplanation(explanation()));
        assertEquals(explanation().decision(), back.decision());
        assertEquals(explanation().features().sorted(), back.features().sorted());
        assertEquals(explanation().rulesEvaluated(), back.rulesEvaluated());
    }

    @Test
    void anEventWithRawPersonalData_isRefused() {
        RiskEvent raw = RiskEvent.builder("e-raw", EventType.LOGIN, "u-1").occurredAt(T).phone("13800138000").build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WoolguardJson.writeEvent(raw));
        assertTrue(e.getMessage().contains("raw personal data"), e.getMessage());
    }
}
