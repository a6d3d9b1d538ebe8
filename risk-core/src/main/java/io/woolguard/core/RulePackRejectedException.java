package io.woolguard.core;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a rule pack does not compile or reaches outside the sandbox; carries every error found. */
public class RulePackRejectedException extends RuntimeException {
    private final List<RuleError> errors;

    public RulePackRejectedException(List<RuleError> errors) {
        super("rule pack rejected: " + errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The errors, never empty. */
    public List<RuleError> errors() {
        return errors;
    }
}
