package io.woolguard.core;

import java.util.Objects;

/**
 * A piece of personal data (phone, e-mail, shipping address, payment instrument) as it travels
 * through Woolguard.
 *
 * <p>It enters raw (from a storefront request or an embedding application) and is replaced by its
 * keyed hash by {@link PersonalDataHasher} before anything is stored, logged, journaled or shown to
 * rules. A raw value never appears in {@link #toString()}, and serializers refuse to write one.
 *
 * <p>The {@linkplain #hint() hint} keeps the one non-identifying fact rules need, e.g. the
 * country code and three-digit prefix of a phone number ({@code +86-170}) or an e-mail domain.
 */
public final class PersonalData {
    private final String raw;
    private final String hash;
    private final String hint;

    private PersonalData(String raw, String hash, String hint) {
        this.raw = raw;
        this.hash = hash;
        this.hint = hint;
    }

    /** A raw value as received; it must be protected by {@link PersonalDataHasher} before it is kept. */
    public static PersonalData raw(String value) {
        Objects.requireNonNull(value, "value");
        return new PersonalData(value, null, null);
    }

    /** An already protected value: its keyed hash (hex) and an optional non-identifying hint. */
    public static PersonalData hashed(String hash, String hint) {
        Objects.requireNonNull(hash, "hash");
        return new PersonalData(null, hash, hint);
    }

    /**
     * Whether {@code value} has the form of a keyed hash: 64 lower-case hex characters (HMAC-SHA256).
     * A loop rather than a regex: journal replay and the feature job check every hashed field.
     */
    public static boolean isHashForm(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** True once the raw value has been replaced by its keyed hash. */
    public boolean isHashed() {
        return hash != null;
    }

    /** The keyed hash (lower-case hex); throws {@link IllegalStateException} if still raw. */
    public String hash() {
        if (hash == null) {
            throw new IllegalStateException("personal data has not been hashed yet");
        }
        return hash;
    }

    /** The non-identifying hint, or {@code null}. Present only once hashed. */
    public String hint() {
        return hint;
    }

    /** The raw value, for {@link PersonalDataHasher} only; {@code null} once hashed. */
    String rawValue() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonalData other
                && Objects.equals(raw, other.raw)
                && Objects.equals(hash, other.hash)
                && Objects.equals(hint, other.hint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw, hash, hint);
    }

    @Override
    public String toString() {
        return hash == null ? "PersonalData[raw=***]" : "PersonalData[hash=" + hash + ", hint=" + hint + "]";
    }
}
