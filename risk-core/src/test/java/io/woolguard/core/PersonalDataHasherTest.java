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
}
