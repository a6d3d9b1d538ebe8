package io.woolguard.core;

import java.util.Objects;

/**
 * Why a decision came out as it did: one rule (or list) that fired.
 *
 * @param code    stable UPPER_SNAKE reason code storefronts switch on
 * @param ruleId  the stable id of the rule that fired (or {@code list:BLOCK} etc. for list hits)
 * @param score   what it added to the score, 0–100
 * @param message a sentence for humans; never contains raw personal data
 */
public record Reason(String code, String ruleId, int score, String message) {
    public Reason {
        Objects.requireNonNull(ruleId, "ruleId");
        if (!isValidCode(code)) {
            throw new IllegalArgumentException("reason code must be UPPER_SNAKE (A-Z, 0-9, _), got '" + code + "'");
        }
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("reason score must be 0-100, got " + score + " for " + code);
        }
        message = message == null ? "" : message;
    }

    /**
     * Whether {@code code} is a valid reason code: {@code [A-Z][A-Z0-9_]{0,63}} (checked without a regex
     * matcher: every decision makes several reasons). Thread-safe.
     *
     * @return false for {@code null}
     */
    public static boolean isValidCode(String code) {
        if (code == null || code.isEmpty() || code.length() > 64) {
            return false;
        }
        char first = code.charAt(0);
        if (first < 'A' || first > 'Z') {
            return false;
        }
        for (int i = 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
