package io.woolguard.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HitCollectorTest {
    @Test
    void isReasonCode_agreesWithTheDocumentedPattern() {
        List<String> samples = new java.util.ArrayList<>(List.of("", "A", "AB", "A1", "A_", "_A", "1A", "aB", "AB-C", "AB C",
                "DEVICE_SHARED_BY_MANY_ACCOUNTS", "X".repeat(63), "X".repeat(64), "X".repeat(65), "ÄB", "AB\n", "A\u0130"));
        for (char c = 0; c < 256; c++) {
            samples.add("A" + c);
            samples.add(c + "A");
        }
        for (String sample : samples) {
            assertEquals(HitCollector.REASON_CODE.matcher(sample).matches(), HitCollector.isReasonCode(sample), "'" + sample + "'");
        }
        assertEquals(false, HitCollector.isReasonCode(null));
    }

    @Test
    void hits_comeOutInTheOrderAdded_andClearForgetsThem() {
        HitCollector collector = new HitCollector();
        collector.firing("b");
        collector.add(1, "B_ONE", "");
        collector.add(1, "B_TWO", "");
        collector.firing("a");
        collector.add(1, "A_ONE", "");
        assertEquals(List.of("B_ONE", "B_TWO", "A_ONE"), collector.hits().stream().map(h -> h.code()).toList());
        assertEquals(List.of("b", "b", "a"), collector.hits().stream().map(h -> h.ruleId()).toList());
        assertEquals("a", collector.firingRuleId());
        collector.clear();
        assertEquals(List.of(), collector.hits());
        assertEquals("?", collector.firingRuleId());
    }
}
