package io.woolguard.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an event (or another input value) breaks the contract. Carries every field error
 * found, each naming its field.
 */
public class InvalidEventException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public InvalidEventException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidEventException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** The field errors, never empty. */
    public List<FieldError> errors() {
        return errors;
    }
}
