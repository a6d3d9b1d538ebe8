package io.woolguard.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.woolguard.core.FieldError;
import io.woolguard.core.InvalidEventException;
import io.woolguard.core.PersonalData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads typed fields out of a JSON tree, collecting one {@link FieldError} per bad field instead of
 * stopping at the first, so a storefront developer sees every problem at once.
 */
final class FieldReader {
    /** Money and counts beyond this are not plausible and would only invite arithmetic abuse. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final int MAX_SCALE = 8;

    private final List<FieldError> errors = new ArrayList<>();

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /**
     * Throws the collected errors, each field once. A value whose part already failed is not reported
     * again as missing ({@code account: is required} after {@code account.id: must be a string}).
     */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        List<FieldError> distinct = new ArrayList<>();
        for (FieldError error : errors) {
            boolean repeated = distinct.stream().anyMatch(e -> e.field().equals(error.field()));
            boolean parentOfReported = errors.stream().anyMatch(e -> e.field().startsWith(error.field() + ".")
                    || e.field().startsWith(error.field() + "["));
            if (!repeated && !parentOfReported) {
                distinct.add(error);
            }
        }
        throw new InvalidEventException(distinct);
    }

    /** Runs a constructor, turning its validation failure into collected field errors; null on failure. */
    <T> T construct(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidEventException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The child object, null if absent; an error if present but not an object. */
    JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            fail(path, "must be an object");
            return null;
        }
        return node;
    }

    String string(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            fail(path, "must be a string");
            return null;
        }
        return node.textValue();
    }

    Boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            fail(path, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    Integer integer(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            fail(path, "must be an integer");
            return null;
        }
        return node.intValue();
    }

    Long longValue(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            fail(path, "must be an integer");
            return null;
        }
        return node.longValue();
    }

    /** A decimal amount; absent gives null (the value's own constructor says whether it is required). */
    BigDecimal decimal(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            fail(path, "must be a number");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.abs().compareTo(MAX_AMOUNT) > 0) {
            fail(path, "must be at most " + MAX_AMOUNT.toPlainString());
            return null;
        }
        if (value.scale() > MAX_SCALE) {
            value = value.setScale(MAX_SCALE, java.math.RoundingMode.HALF_UP);
        }
        return value;
    }

    Instant instant(JsonNode parent, String name, String path) {
        String text = string(parent, name, path);
        if (text == null) {
            return null;
        }
        try {
            return Rfc3339.parse(text);
        } catch (DateTimeParseException e) {
            fail(path, "must be an RFC 3339 time such as 2026-11-22T03:00:00Z");
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(JsonNode parent, String name, String path, Class<E> type) {
        String text = string(parent, name, path);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            fail(path, "must be one of " + Arrays.toString(type.getEnumConstants()).replace("[", "").replace("]", "")
                    + (text.equals(text.toUpperCase(Locale.ROOT)) ? "" : " (upper case)"));
            return null;
        }
    }

    /** Personal data: a JSON string is a raw value, {@code {"hash": ..., "hint": ...}} an already hashed one. */
    PersonalData personalData(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (node.isTextual()) {
            String raw = node.textValue();
            if (raw.isBlank() || raw.length() > 512) {
                fail(path, "must be 1-512 characters");
                return null;
            }
            return PersonalData.raw(raw);
        }
        if (node.isObject() && node.path("hash").isTextual()) {
            String hash = node.get("hash").textValue();
            if (!PersonalData.isHashForm(hash)) {
                fail(path + ".hash", "must be 64 lower-case hex characters");
                return null;
            }
            JsonNode hint = node.get("hint");
            return PersonalData.hashed(hash, hint != null && hint.isTextual() ? hint.textValue() : null);
        }
        fail(path, "must be a string");
        return null;
    }

    List<String> strings(JsonNode parent, String name, String path, int max) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            fail(path, "must be an array of strings");
            return null;
        }
        if (node.size() > max) {
            fail(path, "must have at most " + max + " entries");
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                fail(path + "[" + i + "]", "must be a string");
            } else {
                values.add(item.textValue());
            }
        }
        return values;
    }
}
