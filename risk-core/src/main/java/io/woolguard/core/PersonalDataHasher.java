package io.woolguard.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns personal data into keyed hashes (HMAC-SHA256 over the normalized value) so that equal
 * values can be linked without anyone being able to recover them without the key.
 *
 * <p>Thread-safe. The key comes from configuration; changing it breaks the link to every hash
 * stored before, so keep it stable for the life of a data directory.
 */
public final class PersonalDataHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * @param key the secret, at least 16 bytes
     * @throws IllegalArgumentException if the key is shorter than 16 bytes
     */
    public PersonalDataHasher(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the personal-data key must be at least " + MIN_KEY_BYTES
                    + " bytes; configure a longer secret");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Convenience for a key given as text (UTF-8 bytes). */
    public static PersonalDataHasher withSecret(String secret) {
        return new PersonalDataHasher(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns {@code data} hashed: unchanged if already hashed, {@code null} if {@code null}. */
    public PersonalData protect(PersonalDataKind kind, PersonalData data) {
        if (data == null || data.isHashed()) {
            return data;
        }
        return protect(kind, data.rawValue());
    }

    /** Hashes a raw value of the given kind. */
    public PersonalData protect(PersonalDataKind kind, String raw) {
        String normalized = normalize(kind, raw);
        return PersonalData.hashed(hashNormalized(kind, normalized), hint(kind, normalized));
    }

    /** The hash alone, e.g. to look up a list entry or the features of a phone given raw. */
    public String hash(PersonalDataKind kind, String raw) {
        return hashNormalized(kind, normalize(kind, raw));
    }

    private String hashNormalized(PersonalDataKind kind, String normalized) {
        Mac mac = macs.get();
        mac.update(kind.name().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
    }

    private static final Pattern NOT_PHONE_DIGITS = Pattern.compile("[^0-9+]");
    private static final Pattern WHITESPACE_RUNS = Pattern.compile("\\s+");
    private static final Pattern CARD_SEPARATORS = Pattern.compile("[\\s-]");

    static String normalize(PersonalDataKind kind, String raw) {
        String trimmed = raw.strip();
        return switch (kind) {
            case PHONE -> NOT_PHONE_DIGITS.matcher(trimmed).replaceAll("");
            case EMAIL -> trimmed.toLowerCase(Locale.ROOT);
            case ADDRESS -> WHITESPACE_RUNS.matcher(trimmed).replaceAll(" ").toLowerCase(Locale.ROOT);
            case PAYMENT -> CARD_SEPARATORS.matcher(trimmed).replaceAll("");
        };
    }

    /** Non-identifying facts rules may use: a phone's country code and carrier prefix, an e-mail domain. */
    static String hint(PersonalDataKind kind, String normalized) {
        return switch (kind) {
            case PHONE -> phoneHint(normalized);
            case EMAIL -> {
                int at = normalized.lastIndexOf('@');
                yield at >= 0 && at < normalized.length() - 1 ? normalized.substring(at + 1) : null;
            }
            case ADDRESS, PAYMENT -> null;
        };
    }

    private static String phoneHint(String phone) {
        if (phone.startsWith("+86") && phone.length() >= 6) {
            return "+86-" + phone.substring(3, 6);
        }
        if (!phone.startsWith("+") && phone.length() == 11 && phone.charAt(0) == '1') {
            return "+86-" + phone.substring(0, 3); // a mainland mobile number written without +86
        }
        if (phone.startsWith("+") && phone.length() >= 4) {
            return phone.substring(0, Math.min(3, phone.length()));
        }
        return null;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
