package io.woolguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonalDataHasherTest {
    private final PersonalDataHasher hasher = PersonalDataHasher.withSecret("0123456789abcdef-secret");

    @Test
    void protect_linksEqualNumbersWrittenDifferently() {
        PersonalData a = hasher.protect(PersonalDataKind.PHONE, "+86 170-1234-5678");
        PersonalData b = hasher.protect(PersonalDataKind.PHONE, "+8617012345678");

        assertEquals(a.hash(), b.hash());
        assertEquals("+86-170", a.hint());
        assertEquals(64, a.hash().length());
    }

    @Test
    void protect_dependsOnTheKey() {
        PersonalDataHasher other = PersonalDataHasher.withSecret("another-secret-key-xx");
        assertNotEquals(hasher.hash(PersonalDataKind.EMAIL, "a@example.com"), other.hash(PersonalDataKind.EMAIL, "a@example.com"));
    }

    @Test
    void protect_separatesKinds() {
        assertNotEquals(hasher.hash(PersonalDataKind.PHONE, "123456"), hasher.hash(PersonalDataKind.PAYMENT, "123456"));
    }

    @Test
    void toString_neverShowsTheRawValue() {
        PersonalData raw = PersonalData.raw("+8617012345678");
        assertFalse(raw.toString().contains("17012345678"), raw.toString());
        assertThrows(IllegalStateException.class, raw::hash);
    }

    @Test
    void constructor_rejectsShortKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PersonalDataHasher.withSecret("short"));
        assertTrue(e.getMessage().contains("at least 16 bytes"), e.getMessage());
    }

    @Test
    void hint_mainlandNumberWithoutCountryCode() {
        assertEquals("+86-171", hasher.protect(PersonalDataKind.PHONE, "17112345678").hint());
        assertEquals("example.com", hasher.protect(PersonalDataKind.EMAIL, " Bob@Example.COM ").hint());
    }

    @Test
    void isHashForm_acceptsWhatTheHasherWrites_andNothingElse() {
        String hash = hasher.hash(PersonalDataKind.PHONE, "+8617012345678");
        assertTrue(PersonalData.isHashForm(hash), hash);
        assertTrue(PersonalData.isHashForm("0123456789abcdef".repeat(4)));
        assertFalse(PersonalData.isHashForm(hash.toUpperCase(java.util.Locale.ROOT)), "upper-case hex");
        assertFalse(PersonalData.isHashForm(hash.substring(1)), "63 characters");
        assertFalse(PersonalData.isHashForm(hash + "0"), "65 characters");
        assertFalse(PersonalData.isHashForm(hash.substring(1) + "g"), "not hex");
        assertFalse(PersonalData.isHashForm(hash.substring(1) + "/"), "just below '0'");
        assertFalse(PersonalData.isHashForm(hash.substring(1) + ":"), "just above '9'");
        assertFalse(PersonalData.isHashForm(hash.substring(1) + "`"), "just below 'a'");
        assertFalse(PersonalData.isHashForm(null));
        assertFalse(PersonalData.isHashForm(""));
    }

    /** The regular expressions the normalization was first written with; the hand-written loops must agree. */
    private static String normalizedByPatterns(PersonalDataKind kind, String raw) {
        String trimmed = raw.strip();
        return switch (kind) {
            case PHONE -> trimmed.replaceAll("[^0-9+]", "");
            case EMAIL -> trimmed.toLowerCase(java.util.Locale.ROOT);
            case ADDRESS -> trimmed.replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
            case PAYMENT -> trimmed.replaceAll("[\\s-]", "");
        };
    }

    @Test
    void normalize_agreesWithTheRegularExpressions_onRandomText() {
        char[] alphabet = {' ', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u3000', '-', '+', '(', ')', '0', '5', '9',
                'a', 'Z', '.', '@', '号', '\uD83D', '\uDE00', '\u001C'};
        java.util.Random random = new java.util.Random(20261202);
        int differing = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                raw.append(alphabet[random.nextInt(alphabet.length)]);
            }
            for (PersonalDataKind kind : PersonalDataKind.values()) {
                String expected = normalizedByPatterns(kind, raw.toString());
                String actual = PersonalDataHasher.normalize(kind, raw.toString());
                assertEquals(expected, actual, kind + " of \"" + raw + "\"");
                if (!actual.equals(raw.toString())) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 10_000, "the random text exercised the rewriting: " + differing + " changed");
        assertEquals("+8613800138000", PersonalDataHasher.normalize(PersonalDataKind.PHONE, " +86 138-0013-8000 "));
        assertEquals("1 main st,\u00a0apt 2", PersonalDataHasher.normalize(PersonalDataKind.ADDRESS, "1  Main\tSt,\u00a0Apt 2"));
        assertEquals("4111111111111111", PersonalDataHasher.normalize(PersonalDataKind.PAYMENT, "4111 1111-1111\t1111"));
    }

    @Test
    void hash_isHmacSha256OfKindNulNormalizedValue_asComputedOutsideJava() {
        // python3: hmac.new(b'golden-secret-0123456789', b'PHONE\x00+8613800138000', hashlib.sha256).hexdigest();
        // stored hashes must never change, or they no longer link to new events
        PersonalDataHasher hasher = PersonalDataHasher.withSecret("golden-secret-0123456789");
        assertEquals("fe8fba6b61055fdbe809228e4f4d8480e2da26a9667d6be6a510311e5be71c9c",
                hasher.hash(PersonalDataKind.PHONE, " +86 138-0013-8000"));
        assertEquals("d62b185924fc2efeb5bc283fe48d361f32bfa281478560aa586c737a4ba92d56",
                hasher.hash(PersonalDataKind.EMAIL, "Ann@Example.com "));
    }
}
