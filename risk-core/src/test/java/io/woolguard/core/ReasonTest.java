package io.woolguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reason codes are UPPER_SNAKE, 1-64 characters, starting with a letter (checked without a regex). */
class ReasonTest {
    @Test
    void constructor_acceptsUpperSnakeCodesUpTo64Characters() {
        for (String code : List.of("X", "DEVICE_SHARED_BY_MANY_ACCOUNTS", "A1_2", "Z" + "_".repeat(63))) {
            assertEquals(code, new Reason(code, "r", 10, null).code());
        }
        assertEquals("", new Reason("X", "r", 0, null).message(), "a missing message is empty");
    }

    @Test
    void constructor_rejectsCodesThatAreNotUpperSnake() {
        List<String> bad = java.util.Arrays.asList(null, "", "lower", "1LEADING_DIGIT", "_LEADING", "HAS-DASH", "HAS SPACE",
                "ÄUMLAUT", "A" + "B".repeat(64));
        for (String code : bad) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new Reason(code, "r", 10, "m"), String.valueOf(code));
            assertTrue(refused.getMessage().contains("UPPER_SNAKE"), refused.getMessage());
        }
    }

    @Test
    void constructor_rejectsScoresOutside0To100() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Reason("X", "r", 101, "m"));
        assertTrue(refused.getMessage().contains("0-100"), refused.getMessage());
    }
}
