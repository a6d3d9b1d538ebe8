package io.woolguard.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects field errors while a value is being constructed, then throws them all at once. */
final class Validation {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final List<FieldError> errors = new ArrayList<>();

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    void require(Object value, String field) {
        if (value == null) {
            fail(field, "is required");
        }
    }

    /** 1–128 printable ASCII characters, no spaces. */
    void id(String value, String field, boolean required) {
        if (value == null) {
            if (required) {
                fail(field, "is required");
            }
        } else if (!isPrintableId(value)) {
            fail(field, "must be 1-128 printable characters without spaces");
        }
    }

    /**
     * {@code [\x21-\x7E]{1,128}}, checked without a regex matcher: every event is validated again
     * each time the engine derives a copy of it (time filled in, personal data hashed).
     */
    static boolean isPrintableId(String value) {
        int length = value.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** A free-form identifier value (a list value, a labelled entity): 1–512 characters, no control characters. */
    void value(String value, String field) {
        if (value == null) {
            fail(field, "is required");
        } else if (value.isEmpty() || value.length() > 512 || value.chars().anyMatch(Character::isISOControl)) {
            fail(field, "must be 1-512 characters without control characters");
        }
    }

    void text(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            fail(field, "must be at most " + maxLength + " characters");
        }
    }

    void nonNegative(BigDecimal value, String field) {
        if (value == null) {
            fail(field, "is required");
        } else if (value.signum() < 0) {
            fail(field, "must be >= 0");
        }
    }

    void currency(String value, String field) {
        if (value == null) {
            fail(field, "is required");
        } else if (!CURRENCY.matcher(value).matches()) {
            fail(field, "must be an ISO 4217 code such as CNY");
        }
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
    }
}
