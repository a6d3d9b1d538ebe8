package io.woolguard.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @Test
    void theCommonForms_takeTheFastPath_withTheInstantsOffsetDateTimeGives() {
        for (String text : new String[] {"2026-11-22T03:00:00Z", "2026-11-22t03:00:00z", "2026-11-22T11:00:00.123+08:00",
                "2024-02-29T23:59:59.999999999-05:30", "1970-01-01T00:00:00.5Z", "2026-12-02T01:40:00+00:00",
                "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59-18:00", "2026-06-30T12:00:00.000001-00:00"}) {
            Instant fast = Rfc3339.parseCommonForm(text);
            assertNotNull(fast, text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), fast, text);
        }
    }

    @Test
    void textsTheFastPathDoesNotKnow_areDecidedByOffsetDateTime() {
        assertNull(Rfc3339.parseCommonForm("2026-11-22T03:00Z"), "no seconds: valid ISO, the full parser's");
        assertEquals(OffsetDateTime.parse("2026-11-22T03:00Z").toInstant(), Rfc3339.parse("2026-11-22T03:00Z"));
        assertEquals(OffsetDateTime.parse("2026-11-22T03:00:00+08:00:30").toInstant(), Rfc3339.parse("2026-11-22T03:00:00+08:00:30"));
        assertNull(Rfc3339.parseCommonForm("2026-11-22T03:00:00.Z"), "an empty fraction, which OffsetDateTime takes");
        assertEquals(OffsetDateTime.parse("2026-11-22T03:00:00.Z").toInstant(), Rfc3339.parse("2026-11-22T03:00:00.Z"));
        for (String invalid : new String[] {"2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T03:00:60Z",
                "2026-11-22T03:00:00.1234567890Z", "2026-11-22T03:00:00+19:00",
                "2026-11-22T03:00:00+08:60", "2026-11-22 03:00:00Z", "2026-11-22T03:00:00", "2026-1l-22T03:00:00Z"}) {
            assertNull(Rfc3339.parseCommonForm(invalid), invalid);
            assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(invalid), invalid);
        }
    }

    @Test
    void randomTexts_fastPathAndOffsetDateTimeNeverDisagree() {
        Random random = new Random(20261202);
        char[] noise = {'0', '1', '2', '5', '9', ':', '-', '+', '.', 'T', 'Z', 'z', ' ', 'x'};
        int fastAccepted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                    random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26),
                    random.nextInt(62), random.nextInt(62)));
            if (random.nextBoolean()) {
                text.append('.').append(Long.toString(Math.abs(random.nextLong())), 0, random.nextInt(11));
            }
            text.append(random.nextInt(3) == 0 ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                    random.nextInt(20), random.nextInt(62)));
            if (random.nextInt(4) == 0) {
                text.setCharAt(random.nextInt(text.length()), noise[random.nextInt(noise.length)]);
            }
            String candidate = text.toString();
            Instant expected;
            try {
                expected = OffsetDateTime.parse(candidate).toInstant();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            Instant fast = Rfc3339.parseCommonForm(candidate);
            if (fast != null) {
                fastAccepted++;
                assertEquals(expected, fast, candidate);
            }
            if (expected == null) {
                assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(candidate), candidate);
            } else {
                assertEquals(expected, Rfc3339.parse(candidate), candidate);
            }
        }
        assertTrue(fastAccepted > 2_000, "the random texts reached the fast path: " + fastAccepted);
    }
}
