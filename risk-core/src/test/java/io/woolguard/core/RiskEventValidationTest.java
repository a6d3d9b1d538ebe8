package io.woolguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event ids and attribute keys, checked by hand-written loops instead of regex matchers. */
class RiskEventValidationTest {
    @Test
    void eventId_isOneTo128PrintableAsciiCharacters() {
        for (String id : List.of("!", "c-20261122-000173", "~".repeat(128), "a:b/c?d=e&f")) {
            assertEquals(id, RiskEvent.builder(id, EventType.LOGIN, "u-1").build().eventId());
        }
        for (String id : List.of("", "has space", "tab\there", "é", "x".repeat(129), "new\nline", "\u007F")) {
            InvalidEventException refused = assertThrows(InvalidEventException.class,
                    () -> RiskEvent.builder(id, EventType.LOGIN, "u-1").build(), id);
            assertEquals("eventId", refused.errors().get(0).field(), id);
            assertTrue(refused.errors().get(0).message().contains("printable"), refused.errors().get(0).message());
        }
    }

    @Test
    void attributeKeys_areOneTo64LettersDigitsAndUnderscoreDotColonDash() {
        String longest = "k".repeat(64);
        RiskEvent accepted = new RiskEvent("e-1", EventType.LOGIN, null, new Account("u-1", null, null, null), null, null,
                null, null, Map.of("channel", "app", "a.b:c-d_9", 1, longest, true));
        assertEquals(3, accepted.attributes().size());
        for (String key : List.of("", "has space", "ümlaut", "slash/no", "k".repeat(65))) {
            InvalidEventException refused = assertThrows(InvalidEventException.class,
                    () -> new RiskEvent("e-1", EventType.LOGIN, null, new Account("u-1", null, null, null), null, null,
                            null, null, Map.of(key, "v")), key);
            assertEquals("attributes", refused.errors().get(0).field(), key);
            assertTrue(refused.errors().get(0).message().contains("keys must be"), refused.errors().get(0).message());
        }
    }
}
