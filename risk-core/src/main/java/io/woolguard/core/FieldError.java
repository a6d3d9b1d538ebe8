package io.woolguard.core;

import java.util.Objects;

/**
 * One problem with one input field.
 *
 * @param field   the dotted path of the field, e.g. {@code coupon.faceValue}
 * @param message what is wrong, in words a storefront developer can act on
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
