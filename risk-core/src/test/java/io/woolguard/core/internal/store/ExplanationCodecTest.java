package io.woolguard.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
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

    /** A decision as the first encoder (DataOutputStream) stored it: data directories written then must stay readable. */
    private static final String STORED_BY_VERSION_1 =
            "0100000008652d676f6c64656e000000094348414c4c454e47450000003700000001000000114e45575f4143434f554e" +
            "545f434c41494d0000001366726573682d6163636f756e742d636c61696d0000003700000018e8b4a6e688b7203220e5" +
            "b08fe697b6e5898de5889be5bbba0000001b323032362d31312d31315431313a30303a30305a2d6162636465660000ff" +
            "ffffff01000000006af458c01dcd650000000008652d676f6c64656e0000000c434f55504f4e5f434c41494d01000000" +
            "006af458c01dcd650000000003752d3100010000000461623132000000072b38362d313730000100000003642d310000" +
            "0003494f530002020000000b4d6f7a696c6c612f352e30ffffffff0000000b3230332e302e3131332e37010100000008" +
            "646f75626c6531310000000463702d310000000532302e303000000003434e590000000002000000076368616e6e656c" +
            "530000000fe5beaee4bfa1e5b08fe7a88be5ba8f000000016e490000000300000001000000116163636f756e742e6167" +
            "655f686f7572734000000000000000000000010000001366726573682d6163636f756e742d636c61696d";

    @Test
    void decode_readsWhatTheFirstEncoderStored_andLaterVersionsWithoutCodesDifferOnlyByTheRulesTag() {
        byte[] stored = HexFormat.of().parseHex(STORED_BY_VERSION_1);

        Explanation back = ExplanationCodec.decode(stored);

        assertEquals("e-golden", back.decision().eventId());
        assertEquals(Outcome.CHALLENGE, back.decision().outcome());
        assertEquals("账户 2 小时前创建", back.decision().reasons().get(0).message());
        assertEquals("微信小程序", back.event().attributes().get("channel"));
        assertEquals(2.0, back.features().get("account.age_hours"));
        assertEquals(List.of("fresh-account-claim"), back.rulesEvaluated());
        byte[] again = ExplanationCodec.encode(back);
        assertEquals(3, again[0], "written as version 3");
        // version 2 = version 1 with a tag byte (0: inline) before the rules evaluated, the primitives unchanged;
        // version 3 without name codes writes the same bytes as version 2
        int rulesAt = stored.length - (4 + 4 + "fresh-account-claim".length());
        assertArrayEquals(Arrays.copyOfRange(stored, 1, rulesAt), Arrays.copyOfRange(again, 1, rulesAt));
        assertEquals(0, again[rulesAt], "rules evaluated inline");
        assertArrayEquals(Arrays.copyOfRange(stored, rulesAt, stored.length), Arrays.copyOfRange(again, rulesAt + 1, again.length));
    }

    @Test
    void roundTrip_anExplanationLargerThanTheKeptBuffer_thenASmallOne() {
        Map<String, Double> many = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            many.put("custom.feature_number_" + i, (double) i);
        }
        RiskEvent event = RiskEvent.builder("e-big", EventType.LOGIN, "u-1").occurredAt(T).build();
        Decision decision = new Decision("e-big", Outcome.ALLOW, 0, List.of(), null, null, false, null, T);
        Explanation big = new Explanation(decision, event, new FeatureVector(many), List.of());
        Explanation small = new Explanation(decision, event, new FeatureVector(Map.of("lists.watched", 0.0)), List.of("r"));

        byte[] bigBytes = ExplanationCodec.encode(big);
        assertTrue(bigBytes.length > 64 * 1024, "larger than the buffer a thread keeps: " + bigBytes.length);
        assertEquals(big, ExplanationCodec.decode(bigBytes));
        assertEquals(small, ExplanationCodec.decode(ExplanationCodec.encode(small)));
    }

    @Test
    void roundTrip_rulesByReference_resolvedOnDecode() {
        RiskEvent event = RiskEvent.builder("e-ref", EventType.LOGIN, "u-1").occurredAt(T).build();
        Decision decision = new Decision("e-ref", Outcome.ALLOW, 0, List.of(), "v1", null, false, null, T);
        List<String> rules = List.of("device-farm", "ip-burst", "new-account");
        Explanation explanation = new Explanation(decision, event, FeatureVector.empty(), rules);

        byte[] byReference = ExplanationCodec.encode(explanation, 42L);
        byte[] inline = ExplanationCodec.encode(explanation);

        assertEquals(explanation, ExplanationCodec.decode(byReference, id -> id == 42L ? rules : List.of()));
        assertTrue(byReference.length < inline.length, byReference.length + " vs " + inline.length);
        assertEquals(rules, ExplanationCodec.decodeRuleList(ExplanationCodec.encodeRuleList(rules)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExplanationCodec.decode(byReference));
        assertTrue(e.getMessage().contains("refers to rule list 2a"), e.getMessage());
    }

    /** Codes from a map, as a data directory's {@link FeatureNameCodes} hands them out; "rare.*" names get none. */
    private static final class MapCodes implements ExplanationCodec.NameCodes {
        final List<String> assigned = new java.util.ArrayList<>();

        @Override
        public int codeOf(String name) {
            if (name.startsWith("rare.")) {
                return -1;
            }
            int at = assigned.indexOf(name);
            if (at < 0) {
                assigned.add(name);
                at = assigned.size() - 1;
            }
            return at;
        }

        @Override
        public String nameOf(int code) {
            if (code >= assigned.size()) {
                throw new IllegalStateException("no name has code " + code);
            }
            return assigned.get(code);
        }
    }

    @Test
    void roundTrip_featureNamesAsCodes_mixedWithNamesWrittenInFull() {
        RiskEvent event = RiskEvent.builder("e-codes", EventType.LOGIN, "u-1").occurredAt(T).build();
        Decision decision = new Decision("e-codes", Outcome.BLOCK, 90, List.of(), "v1", null, false, null, T);
        Map<String, Double> values = new java.util.HashMap<>();
        values.put("device.accounts_24h", 31.0);
        values.put("account.age_hours", 0.5);
        values.put("rare.one_off_feature", -1.0);
        Explanation explanation = new Explanation(decision, event, new FeatureVector(values), List.of("r"));
        MapCodes codes = new MapCodes();

        byte[] coded = ExplanationCodec.encode(explanation, null, codes);
        byte[] inline = ExplanationCodec.encode(explanation);

        assertEquals(3, coded[0], "version 3");
        assertEquals(List.of("device.accounts_24h", "account.age_hours").stream().sorted().toList(),
                codes.assigned.stream().sorted().toList(), "the rare name got no code");
        assertEquals(explanation, ExplanationCodec.decode(coded, id -> List.of(), codes));
        assertEquals(inline.length - "device.accounts_24h".length() - "account.age_hours".length(), coded.length,
                "each coded name takes the 4 bytes its length took");
        IllegalStateException withoutCodes = assertThrows(IllegalStateException.class, () -> ExplanationCodec.decode(coded));
        assertTrue(withoutCodes.getMessage().contains("feature names as codes, and no codes were given"), withoutCodes.getMessage());
        IllegalStateException unknownCode = assertThrows(IllegalStateException.class,
                () -> ExplanationCodec.decode(coded, id -> List.of(), new MapCodes()));
        assertTrue(unknownCode.getMessage().contains("no name has code"), unknownCode.getMessage());
    }

    @Test
    void decode_truncated_saysCorrupt() {
        byte[] stored = HexFormat.of().parseHex(STORED_BY_VERSION_1);
        byte[] truncated = Arrays.copyOf(stored, stored.length - 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExplanationCodec.decode(truncated));
        assertTrue(e.getMessage().startsWith("corrupt stored decision"), e.getMessage());
    }
}
