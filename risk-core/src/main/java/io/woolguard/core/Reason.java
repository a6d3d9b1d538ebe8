package io.woolguard.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why a decision came out as it did: one rule (or list) that fired.
 *
 * @param code    stable UPPER_SNAKE reason code storefronts switch on
 * @param ruleId  the stable id of the rule that fired (or {@code list:BLOCK} etc. for list hits)
 * @param score   what it added to the score, 0–100
 * @param message a sentence for humans; never contains raw personal data
 */
public record Reason(String code, String ruleId, int score, String message) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public Reason {
        Objects.requireNonNull(ruleId, "ruleId");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("reason code must be UPPER_SNAKE (A-Z, 0-9, _), got '" + code + "'");
        }
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("reason score must be 0-100, got " + score + " for " + code);
        }
        message = message == null ? "" : message;
    }
}
